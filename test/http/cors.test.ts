import { describe, expect, it } from 'vitest';
import { type ErrorShape, workerFetch } from '../helpers/fetch';

describe('security', () => {
  it('echoes an allowed origin', async () => {
    const response = await workerFetch('/', { headers: { Origin: 'http://localhost:8787' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:8787');
    expect(response.headers.get('access-control-expose-headers')).toBe(
      'X-Request-Id,Retry-After,Idempotent-Replayed,X-Empire-Route,X-Empire-Fake',
    );
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('adds no CORS headers without an Origin, but still varies on it', async () => {
    const response = await workerFetch('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.get('x-request-id')).toMatch(/.+/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers an allowed preflight with the methods and headers', async () => {
    const response = await workerFetch('/api/health', {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:8787', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8787');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('gives a refused origin no CORS headers and refuses its preflight', async () => {
    const simple = await workerFetch('/', { headers: { Origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await workerFetch('/api/health', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await preflight.json()) as ErrorShape).error.code).toBe('forbidden');
  });
});
