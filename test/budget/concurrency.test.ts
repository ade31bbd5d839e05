import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { seedModels } from '../../src/llm/catalogue';
import { worstCaseCostMicros, worstCaseInputTokens } from '../../src/llm/estimate';
import { app } from '../../workers/app';
import { uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';

const CALLS = 1_000;
const FITS = 100;
// Small enough that every answer is cut at max_tokens, so actual cost stays near the worst case.
const MAX_TOKENS = 8;

// The burst is far past the per-client rate limit, which is not what this test is about.
const unlimited = { ...env, RATE_LIMIT_REQUESTS: '100000' };

async function post(path: string, body: unknown, method = 'POST') {
  const ctx = createExecutionContext();
  const response = await app.request(
    path,
    {
      method,
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
    unlimited,
    ctx,
  );
  // Lease closes and ledger writes finish in the background; the test waits for them below.
  return response;
}

async function clientUsage() {
  const snapshot = await env.BUDGET.getByName('global').snapshot();
  return snapshot.usage.find(
    (row) => row.scope.kind === 'client' && row.scope.id === 'dev-owner' && row.window === 'day',
  );
}

describe('happy', () => {
  it('never lets 1,000 concurrent calls settle past a cap that fits about 100, and defers each refusal once', async () => {
    const marker = uniqueMarker('conc');
    const messages = (n: number) => [
      { role: 'user' as const, content: `${marker} call ${String(n).padStart(4, '0')} ${'budget '.repeat(30)}` },
    ];
    const kimi = seedModels.find((model) => model.id === 'moonshot/kimi-k2.5');
    if (!kimi) throw new Error('no kimi in the catalogue');
    const worstCase = worstCaseCostMicros(kimi, worstCaseInputTokens(messages(0)), MAX_TOKENS);
    const capMicros = worstCase * FITS;
    const set = await post(
      '/api/budget',
      { caps: [{ scope: 'client:dev-owner', window: 'day', amount: capMicros / 1_000_000, currency: 'USD' }] },
      'PUT',
    );
    expect(set.status).toBe(200);

    const responses = await Promise.all(
      Array.from({ length: CALLS }, (_, n) =>
        post('/v1/chat/completions', { model: 'moonshot/kimi-k2.5', messages: messages(n), max_tokens: MAX_TOKENS }),
      ),
    );
    const bodies = await Promise.all(
      responses.map(async (response) => ({
        status: response.status,
        body: (await response.json()) as Record<string, never>,
      })),
    );
    const accepted = bodies.filter((entry) => entry.status === 200);
    const refused = bodies.filter((entry) => entry.status === 402);
    expect(accepted.length + refused.length).toBe(CALLS);
    expect(accepted.length).toBeGreaterThanOrEqual(FITS);
    expect(accepted.length).toBeLessThan(CALLS / 2);
    expect(refused.length).toBeGreaterThan(0);

    // Every lease closes in the background once its calls settle.
    let usage = await clientUsage();
    for (let wait = 0; wait < 50 && (usage?.reservedMicros ?? 1) !== 0; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      usage = await clientUsage();
    }
    const billed = accepted.reduce(
      (sum, entry) => sum + (entry.body.empire as unknown as { cost_micros: number }).cost_micros,
      0,
    );
    expect(usage?.reservedMicros).toBe(0);
    expect(usage?.spentMicros).toBe(billed);
    expect(usage?.spentMicros).toBeLessThanOrEqual(capMicros);
    expect(usage?.calls).toBe(accepted.length);

    // A refused call never reaches a provider, and is deferred exactly once.
    expect(await upstreamRequests(marker)).toHaveLength(accepted.length);
    const deferralIds = refused.map(
      (entry) => (entry.body.error as unknown as { details: { deferralId: string } }).details.deferralId,
    );
    expect(new Set(deferralIds).size).toBe(refused.length);
    const stored = await env.DB.prepare(
      'select count(*) as n from deferred_calls where id in (select value from json_each(?))',
    )
      .bind(JSON.stringify(deferralIds))
      .first<{ n: number }>();
    expect(stored?.n).toBe(refused.length);
  }, 60_000);
});
