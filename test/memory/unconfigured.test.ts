import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../workers/app';
import type { ErrorShape } from '../helpers/fetch';
import { ownerKey } from '../helpers/keys';

async function withEnv(path: string, overrides: Record<string, unknown>, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const headers = { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json', ...init.headers };
  const response = await app.request(path, { ...init, headers }, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const store = { method: 'POST', body: JSON.stringify({ text: 'a lesson', kind: 'lesson' }) };

describe('errors', () => {
  it.each([
    ['/api/memory', store],
    ['/api/memory/search?q=audit', {}],
    ['/api/gold-nuggets', {}],
  ])('%s answers 503 memory_unavailable without CHROMA_URL', async (path, init) => {
    const response = await withEnv(path, { CHROMA_URL: '' }, init);
    expect(response.status).toBe(503);
    const body = (await response.json()) as ErrorShape;
    expect(body.error).toMatchObject({ code: 'memory_unavailable', message: expect.stringContaining('CHROMA_URL') });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|stack/i);
  });

  it('answers 503 with the reason when Chroma does not answer', async () => {
    const response = await withEnv('/api/memory/search?q=audit', { CHROMA_URL: 'http://127.0.0.1:1' });
    expect(response.status).toBe(503);
    const body = (await response.json()) as ErrorShape;
    expect(body.error.code).toBe('memory_unavailable');
    expect(body.error.message).toMatch(/^Chroma cannot be reached/);
  });

  it('checks input before it looks for memory', async () => {
    const response = await withEnv('/api/memory/search?k=3', { CHROMA_URL: '' });
    expect(response.status).toBe(400);
  });

  it('reports memory as not configured in /api/health', async () => {
    const response = await withEnv('/api/health', { CHROMA_URL: '' });
    const checks = ((await response.json()) as { checks: { name: string; status: string }[] }).checks;
    expect(checks.find((check) => check.name === 'chroma')?.status).toBe('not_configured');
    expect(checks.find((check) => check.name === 'memory:embeddings')?.status).toBe('not_configured');
  });
});
