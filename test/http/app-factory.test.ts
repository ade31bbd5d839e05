import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createRoute, z } from '@hono/zod-openapi';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  UnavailableError,
  UpstreamFailedError,
} from '../../src/lib/domain-errors';
import { createApp, createRouter } from '../../workers/http/create-app';
import { AppError } from '../../workers/http/errors';
import { buildServices } from '../../workers/services';
import type { ErrorShape } from '../helpers/fetch';

// A resource mounted on the real app factory, to drive the shared middleware with bodies.
const echo = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/echo',
      request: {
        body: {
          content: { 'application/json': { schema: z.object({ name: z.string().min(1), count: z.number().int() }) } },
        },
      },
      responses: { 200: { description: 'Echo' } },
    }),
    (c) => c.json(c.req.valid('json'), 200),
  )
  .get('/conflict', () => {
    throw new AppError('conflict', 'Already there', { id: 'lead_1' });
  })
  .get('/domain/:kind', (c) => {
    const refusals = {
      missing: () => new NotFoundError('No lead lead_9'),
      taken: () => new ConflictError('lead_9 is won', { status: 'won' }),
      bad: () => new InvalidInputError('Not a number'),
      down: () => new UnavailableError('No database'),
      upstream: () => new UpstreamFailedError('GitHub answered 500'),
    } as const;
    const make = refusals[c.req.param('kind') as keyof typeof refusals];
    throw make();
  })
  .get('/crash', () => {
    throw new Error('secret internals at /src/db.ts:42');
  });

const app = createApp({
  services: (c) =>
    buildServices(c.env, c.var.config, { log: c.var.log, background: (work) => c.executionCtx.waitUntil(work) }),
});
app.route('/', echo);

async function call(path: string, init: RequestInit = {}, overrides: Record<string, unknown> = {}) {
  const ctx = createExecutionContext();
  const response = await app.request(path, init, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const postJson = (body: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

describe('happy', () => {
  it('passes a valid body through and echoes a given request id', async () => {
    const response = await call('/echo', postJson('{"name":"Ada","count":2}', { 'x-request-id': 'abc-123' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: 'Ada', count: 2 });
    expect(response.headers.get('x-request-id')).toBe('abc-123');
  });

  it('generates a request id when none is given and sets secure headers', async () => {
    const response = await call('/echo', postJson('{"name":"Ada","count":2}'));
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('errors', () => {
  it('answers malformed JSON with 400 malformed_json in the one error shape', async () => {
    const response = await call('/echo', postJson('{"name": "Ada",', { 'x-request-id': 'req-1' }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorShape;
    expect(body).toEqual({
      error: { code: 'malformed_json', message: 'The request body is not valid JSON', requestId: 'req-1' },
    });
  });

  it('lists every schema problem for wrong types', async () => {
    const response = await call('/echo', postJson('{"name":"","count":"2"}'));
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorShape;
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'name' }), expect.objectContaining({ path: 'count' })]),
    );
  });

  it('refuses a body over the configured limit with 413, by header and by stream', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(4096), count: 1 });
    const declared = await call('/echo', postJson(big), { MAX_BODY_BYTES: '2048' });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as ErrorShape).error.code).toBe('payload_too_large');

    const stream = new Blob([big]).stream();
    const chunked = await call(
      '/echo',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit,
      { MAX_BODY_BYTES: '2048' },
    );
    expect(chunked.status).toBe(413);
  });

  it('maps a thrown AppError to its status with details', async () => {
    const response = await call('/conflict');
    expect(response.status).toBe(409);
    expect(((await response.json()) as ErrorShape).error).toMatchObject({
      code: 'conflict',
      details: { id: 'lead_1' },
    });
  });

  it.each([
    ['missing', 404, 'not_found'],
    ['taken', 409, 'conflict'],
    ['bad', 400, 'invalid_request'],
    ['down', 503, 'unavailable'],
    ['upstream', 502, 'upstream_error'],
  ])('maps a domain refusal (%s) to %i %s in one place', async (kind, status, code) => {
    const response = await call(`/domain/${kind}`);
    expect(response.status).toBe(status);
    expect(((await response.json()) as ErrorShape).error.code).toBe(code);
  });

  it("keeps a domain refusal's details", async () => {
    const response = await call('/domain/taken');
    expect(((await response.json()) as ErrorShape).error).toEqual({
      code: 'conflict',
      message: 'lead_9 is won',
      requestId: expect.any(String),
      details: { status: 'won' },
    });
  });

  it('never shows a stack trace or internal message to the client', async () => {
    const response = await call('/crash');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret internals');
    expect(text).not.toContain('.ts');
    expect(JSON.parse(text).error.code).toBe('internal');
  });

  it('answers an unknown route with 404 not_found', async () => {
    const response = await call('/nope');
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorShape).error.code).toBe('not_found');
  });
});

describe('security', () => {
  it('replaces a request id that could inject headers or logs', async () => {
    const response = await call('/echo', postJson('{"name":"Ada","count":2}', { 'x-request-id': 'a b<script>' }));
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a bad configuration with 500 config_invalid naming the variable', async () => {
    const response = await call('/echo', postJson('{"name":"Ada","count":2}'), { MAX_BODY_BYTES: 'lots' });
    expect(response.status).toBe(500);
    const body = (await response.json()) as ErrorShape;
    expect(body.error.code).toBe('config_invalid');
    expect(body.error.message).toContain('MAX_BODY_BYTES');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-request-id')).toBe(body.error.requestId);
  });

  it('answers a bad routing policy on every route, before any LLM call, naming ROUTER_POLICY', async () => {
    for (const path of ['/echo', '/nope']) {
      const response = await call(path, postJson('{"name":"Ada","count":2}'), { ROUTER_POLICY: '{"classes":[]}' });
      expect(response.status).toBe(500);
      const body = (await response.json()) as ErrorShape;
      expect(body.error.code).toBe('config_invalid');
      expect(body.error.message).toContain('ROUTER_POLICY classes: ');
    }
  });
});

describe('access log', () => {
  afterEach(() => vi.restoreAllMocks());

  const requestLines = (spy: { mock: { calls: unknown[][] } }) =>
    spy.mock.calls
      .map(([line]) => JSON.parse(String(line)) as { message: string; path?: string; status?: number })
      .filter((entry) => entry.message === 'request');

  it('writes a line only for failed requests by default', async () => {
    const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
    await call('/echo', postJson('{"name":"Ada","count":2}'));
    await call('/nope');
    expect(requestLines(spy).map(({ path, status }) => ({ path, status }))).toEqual([{ path: '/nope', status: 404 }]);
  });

  it('writes a line for every request when ACCESS_LOG is all, and none when off', async () => {
    const all = vi.spyOn(console, 'log').mockImplementation(() => {});
    await call('/echo', postJson('{"name":"Ada","count":2}'), { ACCESS_LOG: 'all' });
    expect(requestLines(all).map(({ status }) => status)).toEqual([200]);
    all.mockClear();
    await call('/nope', {}, { ACCESS_LOG: 'off' });
    expect(requestLines(all)).toEqual([]);
  });

  it('refuses an ACCESS_LOG it does not know, naming it', async () => {
    const response = await call('/echo', postJson('{"name":"Ada","count":2}'), { ACCESS_LOG: 'verbose' });
    expect(response.status).toBe(500);
    expect(((await response.json()) as ErrorShape).error.message).toContain('ACCESS_LOG');
  });
});
