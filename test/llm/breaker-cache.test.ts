import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../workers/app';
import { addFault, gatewayClient, uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';

// A policy of its own gives this isolate a breaker that opens after 2 failures for 1.5 s.
const policy = JSON.stringify({
  classes: {
    simple: [{ model: 'ollama/llama3.2' }],
    research: [{ model: 'moonshot/kimi-k2.5' }, { model: 'anthropic/claude-sonnet-5-5' }],
    strategic: [{ model: 'anthropic/claude-opus-5-5' }],
  },
  timeoutMs: 500,
  breaker: { failureThreshold: 2, openMs: 1_500 },
});
const testEnv = { ...env, ROUTER_POLICY: policy };

async function research(marker: string) {
  const ctx = createExecutionContext();
  const response = await app.request(
    '/v1/chat/completions',
    {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto:research', messages: [{ role: 'user', content: marker }], max_tokens: 16 }),
    },
    testEnv,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: response.status, body: (await response.json()) as { model?: string } };
}

describe('errors', () => {
  it('opens the breaker after repeated failures, skips the provider, then closes after a good trial', async () => {
    const marker = uniqueMarker('breaker');
    await addFault({ contains: marker, provider: 'moonshot', status: 500, times: 2 });
    expect((await research(`${marker} 1`)).body.model).toBe('anthropic/claude-sonnet-5-5');
    expect((await research(`${marker} 2`)).body.model).toBe('anthropic/claude-sonnet-5-5');
    // Open: moonshot is not even tried.
    expect((await research(`${marker} 3`)).body.model).toBe('anthropic/claude-sonnet-5-5');
    expect((await upstreamRequests(`${marker} 3`)).map((entry) => entry.provider)).toEqual(['anthropic']);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    // Half-open: one trial goes to moonshot, succeeds, and the breaker closes.
    expect((await research(`${marker} 4`)).body.model).toBe('moonshot/kimi-k2.5');
    expect((await research(`${marker} 5`)).body.model).toBe('moonshot/kimi-k2.5');
  });

  it('times a slow provider out and falls back', async () => {
    const marker = uniqueMarker('timeout');
    await addFault({ contains: marker, provider: 'moonshot', status: 200, delayMs: 2_000 });
    const started = Date.now();
    const result = await research(marker);
    expect(result.body.model).toBe('anthropic/claude-sonnet-5-5');
    expect(Date.now() - started).toBeLessThan(1_900);
  });

  it('moves on at once when retry-after is longer than the router waits', async () => {
    const marker = uniqueMarker('longwait');
    await addFault({ contains: marker, provider: 'moonshot', status: 429, retryAfter: 30 });
    const started = Date.now();
    expect((await research(marker)).body.model).toBe('anthropic/claude-sonnet-5-5');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('happy', () => {
  it('answers a deterministic request from the cache the second time, at no cost', async () => {
    const marker = uniqueMarker('cache');
    const client = gatewayClient();
    const ask = () =>
      client.chat.completions.create({
        model: 'auto:strategic',
        messages: [{ role: 'user', content: `${marker} same question` }],
        max_tokens: 32,
        temperature: 0,
      });
    const first = (await ask()) as unknown as { choices: unknown; empire: { cached: boolean; cost_micros: number } };
    const second = (await ask()) as unknown as { choices: unknown; empire: { cached: boolean; cost_micros: number } };
    expect(first.empire).toMatchObject({ cached: false });
    expect(first.empire.cost_micros).toBeGreaterThan(0);
    expect(second.empire).toMatchObject({ cached: true, cost_micros: 0 });
    expect(second.choices).toEqual(first.choices);
    expect(await upstreamRequests(marker)).toHaveLength(1);
  });

  it('does not cache a request with temperature above 0 unless asked to', async () => {
    const marker = uniqueMarker('nocache');
    const client = gatewayClient();
    const body = {
      model: 'auto:strategic',
      messages: [{ role: 'user' as const, content: marker }],
      max_tokens: 16,
      temperature: 0.7,
    };
    await client.chat.completions.create(body);
    await client.chat.completions.create(body);
    expect(await upstreamRequests(marker)).toHaveLength(2);
    const cachedClient = gatewayClient(ownerKey, { 'x-empire-cache': '1' });
    await cachedClient.chat.completions.create({ ...body, messages: [{ role: 'user', content: `${marker} flag` }] });
    await cachedClient.chat.completions.create({ ...body, messages: [{ role: 'user', content: `${marker} flag` }] });
    expect(await upstreamRequests(`${marker} flag`)).toHaveLength(1);
  });
});
