import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/postgres';
import worker from '../../workers/index';
import { checkedFetch } from '../helpers/fetch';
import { gatewayClient, uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { callerFieldsOf } from '../helpers/ledger-rows';

const call = (path: string, body: unknown, headers: Record<string, string> = {}, method = 'POST') =>
  checkedFetch(
    new Request(`http://empire.test${path}`, {
      method,
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  );

async function ledgerRow(requestId: string) {
  const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
  try {
    const result = await postgres.pool.query('select * from spend_ledger where request_id = $1', [requestId]);
    return result.rows[0] as Record<string, unknown> | undefined;
  } finally {
    await postgres.close();
  }
}

async function deliverDeferral(deferralId: string) {
  const batch = createMessageBatch('empire-jobs', [
    { id: `m-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body: { kind: 'llm.deferred', deferralId } },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

const deferral = (id: string) =>
  env.DB.prepare('select status, attempts, result, not_before from deferred_calls where id = ?').bind(id).first<{
    status: string;
    attempts: number;
    result: string | null;
    not_before: number;
  }>();

describe('happy', () => {
  it('writes every call to the Postgres ledger through the queue, keyed by request id', async () => {
    const requestId = uniqueMarker('ledger');
    const response = await call(
      '/v1/chat/completions',
      { model: 'auto:research', messages: [{ role: 'user', content: requestId }], max_tokens: 16 },
      { 'x-request-id': requestId, 'x-empire-agent': 'numbers' },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { usage: { prompt_tokens: number }; empire: { cost_micros: number } };
    let row = await ledgerRow(requestId);
    for (let wait = 0; wait < 60 && !row; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      row = await ledgerRow(requestId);
    }
    expect(row).toMatchObject({
      provider: 'moonshot',
      model: 'moonshot/kimi-k2.5',
      status: 'ok',
      cache_hit: false,
      scope_agent: 'numbers',
      scope_client: 'dev-owner',
      tokens_in: body.usage.prompt_tokens,
      cost_micros: String(body.empire.cost_micros),
    });
  }, 30_000);

  it('records the end user and metadata of every surface, and /api/spend groups and filters by user', async () => {
    const user = uniqueMarker('end-user');
    const metadata = { campaign: 'spring', ticket: 'T-1' };
    const ids = [uniqueMarker('chat'), uniqueMarker('responses'), uniqueMarker('messages')] as const;
    await gatewayClient().chat.completions.create(
      { model: 'auto:research', messages: [{ role: 'user', content: ids[0] }], max_tokens: 16, user, metadata },
      { headers: { 'x-request-id': ids[0] } },
    );
    const responses = await call(
      '/v1/responses',
      { model: 'auto:research', input: ids[1], max_output_tokens: 16, safety_identifier: user, metadata },
      { 'x-request-id': ids[1] },
    );
    expect(responses.status).toBe(200);
    const messages = await call(
      '/v1/messages',
      {
        model: 'anthropic/claude-haiku-5-5',
        max_tokens: 16,
        messages: [{ role: 'user', content: ids[2] }],
        metadata: { user_id: user },
      },
      { 'x-request-id': ids[2] },
    );
    expect(messages.status).toBe(200);

    expect(await callerFieldsOf(ids[0])).toEqual([{ end_user: user, metadata, downgraded_from: null }]);
    expect(await callerFieldsOf(ids[1])).toEqual([{ end_user: user, metadata, downgraded_from: null }]);
    expect(await callerFieldsOf(ids[2])).toEqual([{ end_user: user, metadata: null, downgraded_from: null }]);

    const spend = async (query: string) => {
      const response = await call(`/api/spend?${query}`, undefined, {}, 'GET');
      expect(response.status).toBe(200);
      return (await response.json()) as { user?: string; rows: { key: string; calls: number }[] };
    };
    const mine = await spend(`groupBy=user&user=${user}`);
    expect(mine.user).toBe(user);
    expect(mine.rows).toEqual([expect.objectContaining({ key: user, calls: 3 })]);
    expect((await spend('groupBy=user')).rows.find((row) => row.key === user)?.calls).toBe(3);
    expect((await spend(`groupBy=model&user=${user}`)).rows.map((row) => row.key)).toEqual([
      'anthropic/claude-haiku-5-5',
      'moonshot/kimi-k2.5',
    ]);
  }, 30_000);

  it('writes every call of a concurrent burst, sent to the queue together', async () => {
    const marker = uniqueMarker('burst');
    const ids = Array.from({ length: 40 }, (_, i) => `${marker}-${i}`);
    const responses = await Promise.all(
      ids.map((requestId) =>
        call(
          '/v1/chat/completions',
          { model: 'auto:research', messages: [{ role: 'user', content: requestId }], max_tokens: 8 },
          { 'x-request-id': requestId },
        ),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(ids.map(() => 200));
    const count = async () => {
      const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
      try {
        const result = await postgres.pool.query(
          'select count(*)::int as n from spend_ledger where request_id like $1',
          [`${marker}-%`],
        );
        return (result.rows[0] as { n: number }).n;
      } finally {
        await postgres.close();
      }
    };
    let rows = await count();
    for (let wait = 0; wait < 60 && rows < ids.length; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      rows = await count();
    }
    expect(rows).toBe(ids.length);
  }, 30_000);

  it('writes a batch larger than one statement carries, every column as recorded', async () => {
    const marker = uniqueMarker('bulk');
    const at = Date.UTC(2026, 10, 30, 23, 59, 59, 123);
    // 12,000 rows: several statements and alarm rounds.
    const entries = Array.from({ length: 12_000 }, (_, i) => ({
      requestId: `${marker}-${i}`,
      at,
      provider: 'moonshot',
      model: 'moonshot/kimi-k2.5',
      tokensIn: 10,
      tokensOut: 5,
      costMicros: 7,
      latencyMs: 3,
      status: i === 0 ? ('cached' as const) : ('ok' as const),
      cacheHit: i === 0,
      scopes: i === 0 ? { run: marker, agent: 'mouth', client: 'key-7' } : { run: marker },
    }));
    const batch = createMessageBatch(
      'empire-jobs',
      // A message carries at most 500 entries; the consumer writes the whole batch at once.
      Array.from({ length: 24 }, (_, part) => ({
        id: `m-${marker}-${part}`,
        timestamp: new Date(),
        attempts: 1,
        body: { kind: 'ledger.entries', entries: entries.slice(part * 500, (part + 1) * 500) },
      })),
    );
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toEqual([]);
    const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
    try {
      // Stored in the budget ledger first; its alarm carries the rows on to Postgres.
      const written = () =>
        postgres.pool.query(
          'select count(*)::int as n, sum(cost_micros)::int as cost from spend_ledger where scope_run = $1',
          [marker],
        );
      let rows = await written();
      for (let wait = 0; wait < 120 && rows.rows[0].n < 12_000; wait += 1) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        rows = await written();
      }
      expect(rows.rows[0]).toEqual({ n: 12_000, cost: 84_000 });
      const first = await postgres.pool.query(
        `select extract(epoch from at) * 1000 as at_ms, provider, model, tokens_in, tokens_out, cost_micros::int as cost,
           latency_ms, status, cache_hit, scope_agent, scope_task, scope_client
         from spend_ledger where request_id = $1`,
        [`${marker}-0`],
      );
      expect({ ...first.rows[0], at_ms: Number(first.rows[0].at_ms) }).toEqual({
        at_ms: at,
        provider: 'moonshot',
        model: 'moonshot/kimi-k2.5',
        tokens_in: 10,
        tokens_out: 5,
        cost: 7,
        latency_ms: 3,
        status: 'cached',
        cache_hit: true,
        scope_agent: 'mouth',
        scope_task: null,
        scope_client: 'key-7',
      });
    } finally {
      await postgres.close();
    }
  }, 60_000);

  it('runs a deferred call once the budget allows, exactly once', async () => {
    const marker = uniqueMarker('deferred');
    const cap = (amount: number) =>
      call('/api/budget', { caps: [{ scope: 'agent:drive', window: 'day', amount, currency: 'USD' }] }, {}, 'PUT');
    expect((await cap(0.000001)).status).toBe(200);
    const refused = await call(
      '/v1/chat/completions',
      { model: 'auto:strategic', messages: [{ role: 'user', content: marker }], max_tokens: 16 },
      { 'x-empire-agent': 'drive' },
    );
    expect(refused.status).toBe(402);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const { error } = (await refused.json()) as {
      error: { code: string; details: { deferralId: string; scope: string } };
    };
    expect(error).toMatchObject({ code: 'over_budget', details: { scope: 'agent:drive' } });
    const id = error.details.deferralId;
    expect(await upstreamRequests(marker)).toHaveLength(0);

    // Still over the cap: the same deferral waits again, not sent, and no new one is made.
    await env.DB.prepare('update deferred_calls set not_before = 0 where id = ?').bind(id).run();
    expect((await deliverDeferral(id)).explicitAcks).toHaveLength(1);
    expect(await deferral(id)).toMatchObject({ status: 'waiting', attempts: 0 });
    const count = await env.DB.prepare('select count(*) as n from deferred_calls').first<{ n: number }>();

    expect((await cap(10)).status).toBe(200);
    await env.DB.prepare('update deferred_calls set not_before = 0 where id = ?').bind(id).run();
    await deliverDeferral(id);
    await deliverDeferral(id);
    const done = await deferral(id);
    expect(done).toMatchObject({ status: 'done', attempts: 1 });
    expect(JSON.parse(done?.result ?? '{}')).toMatchObject({ model: 'anthropic/claude-opus-5-5' });
    expect(await upstreamRequests(marker)).toHaveLength(1);
    expect((await env.DB.prepare('select count(*) as n from deferred_calls').first<{ n: number }>())?.n).toBe(count?.n);

    const shown = await checkedFetch(
      new Request(`http://empire.test/api/deferrals/${id}`, { headers: { authorization: `Bearer ${ownerKey}` } }),
    );
    expect(await shown.json()).toMatchObject({ id, status: 'done', result: { model: 'anthropic/claude-opus-5-5' } });
  });
});

describe('errors', () => {
  it('answers an unknown or malformed deferral id', async () => {
    const get = (id: string) =>
      checkedFetch(
        new Request(`http://empire.test/api/deferrals/${id}`, { headers: { authorization: `Bearer ${ownerKey}` } }),
      );
    expect((await get(crypto.randomUUID())).status).toBe(404);
    expect((await get('..%2F..%2Fetc')).status).toBe(400);
  });
});
