import { createExecutionContext, evictDurableObject, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../workers/app';
import { postAction, waitForAction } from '../helpers/actions';
import { checkedFetch, type ErrorShape, workerFetch } from '../helpers/fetch';
import { createKey, ownerKey } from '../helpers/keys';
import { tokenFor } from '../helpers/tokens';

function openSocket(path: string) {
  return checkedFetch(new Request(`http://empire.test${path}`, { headers: { Upgrade: 'websocket' } }));
}

function collect(socket: WebSocket) {
  const events: { type: string; [key: string]: unknown }[] = [];
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string' && event.data !== 'pong') events.push(JSON.parse(event.data));
  });
  return events;
}

async function until(check: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('security', () => {
  it('refuses a socket without a token, with a bad token, or with an API key', async () => {
    for (const path of ['/ws', '/ws?token=not.a.jwt', `/ws?token=${ownerKey}`, '/ws/agents/ceo?token=x.y.z']) {
      const response = await openSocket(path);
      expect(response.status, path).toBe(401);
      expect(((await response.json()) as ErrorShape).error.code).toBe('unauthorized');
    }
  });
});

describe('happy', () => {
  it('publishes an OpenAPI 3.1 document from the route schemas, and a reference page', async () => {
    const spec = (await (await workerFetch('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, object>;
    };
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/action',
        '/api/actions/{id}',
        '/api/brains',
        '/v1/chat/completions',
        '/api/budget',
        '/api/auth/token',
      ]),
    );
    const page = await workerFetch('/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
    const html = await page.text();
    expect(html).toContain('/api/brains');
    expect(html).not.toContain('<script');
  });

  it('streams agent status, tokens and results to the dashboard socket', async () => {
    const token = await tokenFor();
    const response = await openSocket(`/ws?token=${token}`);
    expect(response.status).toBe(101);
    const socket = response.webSocket;
    if (!socket) throw new Error('no socket');
    socket.accept();
    const events = collect(socket);
    const { id } = (await (await postAction({ action: 'ask', agent: 'drive', input: 'keep me on track' })).json()) as {
      id: string;
    };
    await waitForAction(id);
    await until(() => events.some((event) => event.type === 'agent.result'));
    const types = events
      .filter((event) => event.agent === 'drive')
      .map((event) => `${event.type}:${event.status ?? ''}`);
    expect(types).toContain('agent.status:working');
    expect(types).toContain('agent.tokens:');
    expect(types).toContain('agent.result:');
    expect(types.at(-1)).toBe('agent.status:idle');
    socket.close(1000, 'done');
  });

  it('streams budget changes to the dashboard socket', async () => {
    const response = await openSocket(`/ws?token=${await tokenFor()}`);
    const socket = response.webSocket;
    if (!socket) throw new Error('no socket');
    socket.accept();
    const events = collect(socket);
    await workerFetch('/api/budget', {
      method: 'PUT',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ caps: [{ scope: 'agent:hands', window: 'day', amount: 3 }] }),
    });
    await until(() => events.some((event) => event.type === 'budget.changed'));
    const changed = events.find((event) => event.type === 'budget.changed') as
      | { budget: { windows: { scope: string }[] } }
      | undefined;
    expect(changed?.budget.windows.map((row) => row.scope)).toContain('agent:hands');
    socket.close(1000, 'done');
  });

  it("gives an agent's own socket its snapshot first", async () => {
    const response = await openSocket(`/ws/agents/numbers?token=${await tokenFor()}`);
    const socket = response.webSocket;
    if (!socket) throw new Error('no socket');
    socket.accept();
    const events = collect(socket);
    await until(() => events.length > 0);
    expect(events[0]).toMatchObject({ type: 'agent.snapshot', snapshot: { agent: 'numbers' } });
    socket.close(1000, 'done');
  });

  it("keeps an agent's state across a Durable Object restart", async () => {
    const { id } = (await (
      await postAction({ action: 'ask', agent: 'memory', input: 'what did we learn' })
    ).json()) as { id: string };
    expect((await waitForAction(id)).status).toBe('done');
    const stub = env.AGENTS.getByName('memory');
    const before = await stub.snapshot('memory');
    await evictDurableObject(stub);
    const after = await env.AGENTS.getByName('memory').snapshot('memory');
    expect(after.counters).toEqual(before.counters);
    expect(after.counters.tasks).toBe(1);
    expect(after.recent).toHaveLength(2);
  });
});

describe('errors', () => {
  it('answers 429 with Retry-After past the rate limit, and recovers after the window', async () => {
    const key = await createKey('readonly');
    const limited = { ...env, RATE_LIMIT_REQUESTS: '3', RATE_LIMIT_WINDOW_SECONDS: '2' };
    const call = async () => {
      const ctx = createExecutionContext();
      const response = await app.request('/api/brains', { headers: { authorization: `Bearer ${key}` } }, limited, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    };
    // The sliding window's buckets start at multiples of the window on the clock, and calls that
    // straddle a boundary only count part of the earlier bucket: start just after one.
    await new Promise((resolve) => setTimeout(resolve, 2_000 - (Date.now() % 2_000) + 20));
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await call()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await call();
    // The first call stops counting between one window and one window and a twentieth after it.
    expect(refused.headers.get('retry-after')).toMatch(/^[1-3]$/);
    expect(((await refused.json()) as ErrorShape).error.code).toBe('rate_limited');
    await new Promise((resolve) => setTimeout(resolve, 4_100));
    expect((await call()).status).toBe(200);
  }, 15_000);
});
