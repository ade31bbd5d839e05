import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drifts, research, tally } from './harness/client';
import { bootScenario, type Scenario } from './harness/scenario';

let scenario: Scenario;
beforeAll(async () => {
  scenario = await bootScenario();
}, 240_000);
afterAll(() => scenario?.destroy(), 60_000);

describe('streams', () => {
  it('plain, streamed and client-cancelled gateway calls leave nothing reserved and the books balance', async () => {
    const { client } = scenario;
    const plain = await Promise.all(
      Array.from({ length: 6 }, (_, i) => client.request('POST', '/v1/chat/completions', research(`plain ${i}`))),
    );
    expect(plain.map((answer) => answer.status)).toEqual(plain.map(() => 200));

    const streamed = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const response = await client.send('POST', '/v1/chat/completions', {
          ...research(`stream ${i}`),
          stream: true,
        });
        return { status: response.status, text: await response.text() };
      }),
    );
    for (const stream of streamed) {
      expect(stream.status).toBe(200);
      expect(stream.text).toContain('data: [DONE]');
    }

    const cancelled = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const abort = new AbortController();
        const body = { ...research(`cancel ${i} ${'long answer please '.repeat(20)}`), stream: true, max_tokens: 4000 };
        const response = await client.send('POST', '/v1/chat/completions', body, {}, abort.signal);
        const reader = response.body?.getReader();
        const first = await reader?.read();
        abort.abort();
        await reader?.cancel().catch(() => {});
        return { status: response.status, firstChunk: Boolean(first?.value?.length) };
      }),
    );
    for (const cancel of cancelled) expect(cancel).toEqual({ status: 200, firstChunk: true });

    const { reconcile, windows } = await client.settledBooks(90_000);
    expect(windows.filter((window) => window.reserved.usdMicros !== 0)).toEqual([]);
    expect(reconcile.pending.rows).toBe(0);
    expect(drifts(reconcile)).toEqual([]);
    expect(windows.find((window) => window.scope === 'global:*')?.spent.usdMicros).toBeGreaterThan(0);
    expect(tally(client.serverErrors)).toEqual({});
  }, 180_000);
});
