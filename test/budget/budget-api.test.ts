import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { createKey, ownerKey } from '../helpers/keys';

let readonlyKey = '';
let operatorKey = '';

beforeAll(async () => {
  readonlyKey = await createKey('readonly');
  operatorKey = await createKey('operator');
});

const call = (path: string, key: string | undefined, init: RequestInit = {}) =>
  workerFetch(path, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...init.headers,
    },
  });

const putCaps = (key: string, caps: unknown) =>
  call('/api/budget', key, { method: 'PUT', body: JSON.stringify({ caps }) });

describe('happy', () => {
  it('shows caps, spend and remaining in USD micros and the owner currency', async () => {
    const response = await call('/api/budget', readonlyKey);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      currency: string;
      windows: { scope: string; window: string; cap: { amount: number } }[];
    };
    expect(body.currency).toBe('EUR');
    const day = body.windows.find((row) => row.scope === 'global:*' && row.window === 'day');
    expect(day?.cap.amount).toBeCloseTo(100, 4);
  });

  it('lets the owner set a cap in EUR and remove a scoped cap', async () => {
    const set = await putCaps(ownerKey, [{ scope: 'agent:ceo', window: 'month', amount: 46 }]);
    expect(set.status).toBe(200);
    const body = (await set.json()) as {
      windows: { scope: string; window: string; cap: { usdMicros: number } | null }[];
    };
    expect(body.windows.find((row) => row.scope === 'agent:ceo')?.cap?.usdMicros).toBe(50_000_000);
    const removed = await putCaps(ownerKey, [{ scope: 'agent:ceo', window: 'month', amount: null }]);
    const after = (await removed.json()) as { windows: { scope: string }[] };
    expect(after.windows.some((row) => row.scope === 'agent:ceo')).toBe(false);
  });

  it('folds the swarm runs into one line per window, and lists them on request', async () => {
    const runId = `fold-${crypto.randomUUID()}`;
    const ledger = env.BUDGET.getByName('global');
    await ledger.setCap({ kind: 'run', id: runId }, 'day', 5_000_000);
    type View = { windows: { scope: string }[]; runs: { window: string; runs: number }[] };
    const folded = (await (await call('/api/budget', readonlyKey)).json()) as View;
    expect(folded.windows.some((row) => row.scope.startsWith('run:'))).toBe(false);
    expect(folded.runs.find((line) => line.window === 'day')?.runs).toBeGreaterThanOrEqual(1);
    const listed = (await (await call('/api/budget?runs=listed', readonlyKey)).json()) as View;
    expect(listed.windows.map((row) => row.scope)).toContain(`run:${runId}`);
    expect(listed.runs).toEqual([]);
    expect((await call('/api/budget?runs=some', readonlyKey)).status).toBe(400);
  });

  it('reports spend history grouped by model', async () => {
    const response = await call('/api/spend?groupBy=model', readonlyKey);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ groupBy: 'model', currency: 'EUR', rows: expect.any(Array) });
  });

  it("takes days as people type them: from a day's midnight, through the whole `to` day", async () => {
    const response = await call('/api/spend?from=2026-11-24&to=2026-11-24', readonlyKey);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ from: '2026-11-24T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' });
  });
});

describe('errors', () => {
  it.each([
    [[{ scope: 'agent', window: 'day', amount: 1 }], 'scope'],
    [[{ scope: 'agent:ceo', window: 'week', amount: 1 }], 'window'],
    [[{ scope: 'agent:ceo', window: 'day', amount: -1 }], 'amount'],
    [[{ scope: 'agent:ceo', window: 'day', amount: '5' }], 'amount'],
    [[{ scope: 'global:other', window: 'day', amount: 5 }], 'scope'],
    [[], 'caps'],
  ])('refuses a bad cap change %j', async (caps, field) => {
    const response = await putCaps(ownerKey, caps);
    expect(response.status).toBe(400);
    expect(JSON.stringify(((await response.json()) as ErrorShape).error.details)).toContain(field);
  });

  it('never removes the global caps', async () => {
    const response = await putCaps(ownerKey, [{ scope: 'global:*', window: 'day', amount: null }]);
    expect(response.status).toBe(400);
  });

  it('refuses spend queries with bad dates', async () => {
    expect((await call('/api/spend?from=yesterday', readonlyKey)).status).toBe(400);
    expect((await call('/api/spend?from=2026-02-30', readonlyKey)).status).toBe(400);
    expect((await call('/api/spend?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z', readonlyKey)).status).toBe(400);
    expect((await call('/api/spend?groupBy=colour', readonlyKey)).status).toBe(400);
  });
});

describe('security', () => {
  it('requires a token, and a valid one', async () => {
    const missing = await call('/api/budget', undefined);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect((await call('/api/budget', 'emp_not_a_real_key_at_all_000000')).status).toBe(401);
    expect((await call('/api/budget', 'garbage')).status).toBe(401);
  });

  it('lets only the owner change caps', async () => {
    const cap = [{ scope: 'agent:x', window: 'day', amount: 1 }];
    expect((await putCaps(readonlyKey, cap)).status).toBe(403);
    expect((await putCaps(operatorKey, cap)).status).toBe(403);
  });

  it('keeps a readonly key off the gateway', async () => {
    const response = await call('/v1/chat/completions', readonlyKey, {
      method: 'POST',
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(403);
  });
});
