import { describe, expect, it } from 'vitest';
import { type ErrorShape, workerFetch } from '../helpers/fetch';

describe('happy', () => {
  it('sends a browser opening / to the dashboard, and API clients still get the JSON root', async () => {
    const browser = await workerFetch('/', {
      headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      redirect: 'manual',
    });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('Location')).toBe('/dashboard/');
    for (const accept of [undefined, '*/*', 'application/json']) {
      const response = await workerFetch('/', accept ? { headers: { Accept: accept } } : {});
      expect(response.status, String(accept)).toBe(200);
      const body = (await response.json()) as { name: string; links: Record<string, string> };
      expect(body.name).toBe('AI Empire');
      expect(body.links.dashboard).toBe('/dashboard/');
    }
  });
});

describe('errors', () => {
  it('answers unknown API paths with the JSON error, not an HTML page', async () => {
    for (const path of ['/api/nope', '/v1/nope', '/ws/nope', '/dashboard-not-here']) {
      const response = await workerFetch(path, { headers: { Accept: 'text/html' } });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toContain('application/json');
      expect(((await response.json()) as ErrorShape).error.code, path).toBe('not_found');
    }
  });
});
