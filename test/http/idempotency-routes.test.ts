import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ActionView, waitForAction } from '../helpers/actions';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { putTask, waitForRun } from '../helpers/runs';
import { echoTask } from '../helpers/swarm-storage';
import { fireTick, runsOf, stepsOf } from '../workflows/helpers';

// Idempotency-Key on /api/action and /api/tasks/{name}/run, the key's scope per route, and how
// records end: lazily when their day is over or their request died, and in the hourly sweep.

function post(path: string, body: unknown, key?: string) {
  return workerFetch(path, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${ownerKey}`,
      'content-type': 'application/json',
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
    body: JSON.stringify(body),
  });
}

const replayed = (response: Response) => response.headers.get('idempotent-replayed') === 'true';
const idOf = async (response: Response) => ((await response.json()) as { id: string }).id;
const resume = (key: string) => post('/api/action', { action: 'resume', agent: 'numbers' }, key);
const rowsWithKey = async (key: string) =>
  (await env.DB.prepare('select count(*) as n from idempotency_keys where key = ?').bind(key).first<{ n: number }>())
    ?.n;

beforeAll(async () => {
  expect((await putTask('idem_echo', echoTask('idem_echo'))).status).toBe(200);
});

describe('happy', () => {
  it('/api/action: a repeated ask is one action, one job and one model call', async () => {
    const marker = uniqueMarker('idem-action');
    const key = crypto.randomUUID();
    // Mouth answers without tools: one action is one model call.
    const body = { action: 'ask', agent: 'mouth', input: `What is ${marker} worth?` };
    const first = await post('/api/action', body, key);
    expect(first.status).toBe(202);
    const firstBody = (await first.json()) as { id: string; href: string };
    const again = await post('/api/action', body, key);
    expect(again.status).toBe(202);
    expect(replayed(again)).toBe(true);
    expect(await again.json()).toEqual(firstBody);
    const done: ActionView = await waitForAction(firstBody.id);
    expect(done.status).toBe('done');
    expect(await upstreamRequests(marker)).toHaveLength(1);
  }, 30_000);

  it('/api/tasks/{name}/run: a repeated run is one run with one call per item', async () => {
    const marker = uniqueMarker('idem-run');
    const key = crypto.randomUUID();
    const body = { inputs: { items: [`${marker}:a`, `${marker}:b`] } };
    const first = await post('/api/tasks/idem_echo/run', body, key);
    expect(first.status).toBe(202);
    const { runId } = (await first.json()) as { runId: string };
    const again = await post('/api/tasks/idem_echo/run', body, key);
    expect(again.status).toBe(202);
    expect(replayed(again)).toBe(true);
    expect(((await again.json()) as { runId: string }).runId).toBe(runId);
    expect(await waitForRun(runId)).toMatchObject({ status: 'done', total: 2, done: 2 });
    expect((await upstreamRequests(marker)).filter((entry) => entry.status === 200)).toHaveLength(2);
  }, 60_000);

  it('scopes a key to its route: the same key on another route is another request', async () => {
    const key = crypto.randomUUID();
    expect((await resume(key)).status).toBe(200);
    const marker = uniqueMarker('idem-route');
    const chat = await workerFetch('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ model: 'auto:simple', messages: [{ role: 'user', content: marker }], max_tokens: 16 }),
    });
    expect(chat.status).toBe(200);
    expect(replayed(chat)).toBe(false);
    expect(await rowsWithKey(key)).toBe(2);
  });

  it('documents the header on the three paid routes', async () => {
    const spec = (await (await workerFetch('/openapi.json')).json()) as {
      paths: Record<string, { post: { parameters?: { name: string; in: string; description?: string }[] } }>;
    };
    for (const path of ['/v1/chat/completions', '/api/action', '/api/tasks/{name}/run']) {
      const header = spec.paths[path]?.post.parameters?.find((parameter) => parameter.name === 'idempotency-key');
      expect(header, path).toMatchObject({ in: 'header', description: expect.stringContaining('24 hours') });
    }
  });
});

describe('errors', () => {
  it('refuses the key sent to another task: 422 naming the path', async () => {
    const key = crypto.randomUUID();
    const body = { inputs: { items: [uniqueMarker('idem-path')] } };
    expect((await post('/api/tasks/idem_echo/run', body, key)).status).toBe(202);
    const other = await post('/api/tasks/product_ideas/run', body, key);
    expect(other.status).toBe(422);
    expect(((await other.json()) as ErrorShape).error).toMatchObject({
      code: 'idempotency_key_reused',
      details: { mismatch: 'path' },
    });
  });

  it('releases the key after a 400, so the corrected request runs under it', async () => {
    const key = crypto.randomUUID();
    expect((await post('/api/action', { action: 'resume' }, key)).status).toBe(400);
    expect(await rowsWithKey(key)).toBe(0);
    const fixed = await resume(key);
    expect(fixed.status).toBe(200);
    expect(replayed(fixed)).toBe(false);
  });

  it('keeps a 4xx the handler gave: the repeat gets it again', async () => {
    const key = crypto.randomUUID();
    const missing = await post('/api/tasks/no_such_task/run', { inputs: {} }, key);
    expect(missing.status).toBe(404);
    const again = await post('/api/tasks/no_such_task/run', { inputs: {} }, key);
    expect(again.status).toBe(404);
    expect(replayed(again)).toBe(true);
  });
});

describe('records', () => {
  it('refuses, rather than runs, a repeat whose first answer was too large to keep', async () => {
    const key = crypto.randomUUID();
    expect((await resume(key)).status).toBe(200);
    // As the record of an answer past MAX_KEPT_BODY_CHARS is left.
    await env.DB.prepare('update idempotency_keys set body = null where key = ?').bind(key).run();
    const again = await resume(key);
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorShape).error).toMatchObject({
      code: 'conflict',
      details: { header: 'Idempotency-Key', status: 200 },
    });
  });

  it('runs a repeat again once the first record is past its day', async () => {
    const key = crypto.randomUUID();
    const first = await idOf(await resume(key));
    await env.DB.prepare('update idempotency_keys set expires_at = 0 where key = ?').bind(key).run();
    const later = await resume(key);
    expect(replayed(later)).toBe(false);
    expect(await idOf(later)).not.toBe(first);
    expect(replayed(await resume(key))).toBe(true);
  });

  it('takes over a claim whose request died, once its lock has passed', async () => {
    const key = crypto.randomUUID();
    const first = await idOf(await resume(key));
    // As a request leaves its claim when its isolate goes away mid-call.
    await env.DB.prepare(
      "update idempotency_keys set state = 'running', status = null, body = null, locked_until = ? where key = ?",
    )
      .bind(Date.now() + 60_000, key)
      .run();
    expect((await resume(key)).status).toBe(409);
    await env.DB.prepare('update idempotency_keys set locked_until = 0 where key = ?').bind(key).run();
    const taken = await resume(key);
    expect(taken.status).toBe(200);
    expect(await idOf(taken)).not.toBe(first);
  });

  it('drops expired records in the hourly health check and keeps the rest', async () => {
    const [stale, fresh] = [crypto.randomUUID(), crypto.randomUUID()];
    expect((await resume(stale)).status).toBe(200);
    expect((await resume(fresh)).status).toBe(200);
    await env.DB.prepare('update idempotency_keys set expires_at = ? where key = ?')
      .bind(Date.now() - 1, stale)
      .run();
    const tick = Date.UTC(2026, 5, 2, 8, 5);
    await fireTick('*/5 * * * *', tick);
    const run = (await runsOf('health_check')).find((row) => row.tick === tick);
    expect(stepsOf(run).find((step) => step.name === 'prune')).toMatchObject({
      status: 'succeeded',
      output: { idempotencyKeysDropped: expect.any(Number) },
    });
    expect(await rowsWithKey(stale)).toBe(0);
    expect(await rowsWithKey(fresh)).toBe(1);
  });
});
