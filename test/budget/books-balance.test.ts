import { env } from 'cloudflare:workers';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/postgres';
import { checkedFetch } from '../helpers/fetch';
import { addFault, gatewayClient, uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';

const chat = (run: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  checkedFetch(
    new Request('http://empire.test/v1/chat/completions', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ownerKey}`,
        'content-type': 'application/json',
        'x-empire-run': run,
        ...headers,
      },
      body: JSON.stringify({ max_tokens: 200, ...body }),
    }),
  );

const get = async <T>(path: string): Promise<T> => {
  const response = await checkedFetch(
    new Request(`http://empire.test${path}`, { headers: { authorization: `Bearer ${ownerKey}` } }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};

interface Reconciliation {
  pending: { rows: number };
  rows: { scope: string; window: string; spentMicros: number; ledgerMicros: number; driftMicros: number }[];
}

async function ledgerRows(run: string) {
  const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
  try {
    const result = await postgres.pool.query(
      `select request_id, kind, status::text, provider, model, cost_micros::int as cost, downgraded_from
       from spend_ledger
       where scope_run = $1 order by at`,
      [run],
    );
    return result.rows as {
      request_id: string;
      kind: string;
      status: string;
      provider: string;
      model: string;
      cost: number;
      downgraded_from: string | null;
    }[];
  } finally {
    await postgres.close();
  }
}

/** Waits until the run's leases are closed and its rows have left the budget ledger for Postgres. */
async function settled(run: string): Promise<Reconciliation> {
  for (let wait = 0; wait < 80; wait += 1) {
    const budget = await get<{ windows: { scope: string; reserved: { usdMicros: number } }[] }>(
      '/api/budget?runs=listed',
    );
    const reserved = budget.windows.some((row) => row.scope === `run:${run}` && row.reserved.usdMicros > 0);
    const report = await get<Reconciliation>('/api/budget/reconcile');
    if (!reserved && report.pending.rows === 0) return report;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the run never settled');
}

describe('happy', () => {
  it('balances plain, streamed, fallen-back, cached, downgraded and refused calls, one row per attempt', async () => {
    const run = uniqueMarker('books');
    const plain = await chat(run, { model: 'auto:research', messages: [{ role: 'user', content: `${run} plain` }] });
    expect(plain.status).toBe(200);

    const streamed = await chat(run, {
      model: 'auto:research',
      stream: true,
      messages: [{ role: 'user', content: `${run} streamed` }],
    });
    expect(await streamed.text()).toContain('[DONE]');

    // The first candidate fails; the second answers, and each attempt is a row of its own.
    await addFault({ contains: `${run} fallback`, status: 500, provider: 'moonshot', times: 1 });
    const fallback = await chat(run, {
      model: 'auto:research',
      messages: [{ role: 'user', content: `${run} fallback` }],
    });
    expect(fallback.status).toBe(200);
    const fallbackId = fallback.headers.get('x-request-id');

    for (let repeat = 0; repeat < 2; repeat += 1) {
      const cached = await chat(
        run,
        { model: 'auto:research', temperature: 0, messages: [{ role: 'user', content: `${run} cached` }] },
        { 'x-empire-cache': '1' },
      );
      expect(cached.status).toBe(200);
    }

    // A small cap on the agent: Opus's worst case (about 20,000 micros for 1,000 tokens out) does
    // not fit, Sonnet's (about 10,000) does, so auto:strategic answers from Sonnet and says so.
    const agent = uniqueMarker('frugal');
    const capped = await checkedFetch(
      new Request('http://empire.test/api/budget', {
        method: 'PUT',
        headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ caps: [{ scope: `agent:${agent}`, window: 'day', amount: 0.015, currency: 'USD' }] }),
      }),
    );
    expect(capped.status).toBe(200);
    const client = gatewayClient(ownerKey, { 'x-empire-run': run, 'x-empire-agent': agent });
    const downgraded = await client.chat.completions
      .create({ model: 'auto:strategic', max_tokens: 1_000, messages: [{ role: 'user', content: `${run} frugal` }] })
      .withResponse();
    expect(downgraded.data.model).toBe('anthropic/claude-sonnet-5-5');
    expect(downgraded.response.headers.get('x-empire-route')).toBe(
      'downgraded; from=anthropic/claude-opus-5-5; reason=budget',
    );
    const downgradedId = downgraded.response.headers.get('x-request-id');
    const streamedDown = await chat(
      run,
      {
        model: 'auto:strategic',
        max_tokens: 1_000,
        stream: true,
        messages: [{ role: 'user', content: `${run} frugal stream` }],
      },
      { 'x-empire-agent': agent },
    );
    expect(streamedDown.headers.get('x-empire-route')).toBe(
      'downgraded; from=anthropic/claude-opus-5-5; reason=budget',
    );
    expect(await streamedDown.text()).toContain('"model":"anthropic/claude-sonnet-5-5"');
    // A named model never switches: the same cap answers 402.
    const named = await client.chat.completions
      .create({ model: 'anthropic/claude-opus-5-5', max_tokens: 1_000, messages: [{ role: 'user', content: run }] })
      .catch((error: unknown) => error);
    expect(named).toBeInstanceOf(OpenAI.APIError);
    expect((named as InstanceType<typeof OpenAI.APIError>).status).toBe(402);

    const report = await settled(run);
    const ours = report.rows.filter((row) => row.scope === `run:${run}`);
    expect(ours.map((row) => row.window).sort()).toEqual(['day', 'month']);
    for (const row of ours) {
      expect(row.driftMicros).toBe(0);
      expect(row.spentMicros).toBeGreaterThan(0);
    }

    const rows = await ledgerRows(run);
    const spent = ours.find((row) => row.window === 'day')?.spentMicros;
    expect(rows.reduce((sum, row) => sum + row.cost, 0)).toBe(spent);
    const fallbackRows = rows.filter((row) => row.request_id === fallbackId);
    expect(fallbackRows.map((row) => `${row.provider}:${row.status}`)).toEqual(['moonshot:error', 'anthropic:ok']);
    expect(rows.filter((row) => row.kind === 'cache_hit')).toHaveLength(1);
    expect(rows.filter((row) => row.kind === 'call' && row.status === 'ok')).toHaveLength(6);
    const downgradedRows = rows.filter((row) => row.request_id === downgradedId);
    expect(downgradedRows.map((row) => `${row.model}:${row.status}:${row.cost > 0}:${row.downgraded_from}`)).toEqual([
      'anthropic/claude-opus-5-5:refused:false:null',
      'anthropic/claude-sonnet-5-5:ok:true:anthropic/claude-opus-5-5',
    ]);
    expect(rows.filter((row) => row.kind === 'refusal')).toHaveLength(3);
  }, 60_000);
});
