import { describe, expect, it } from 'vitest';
import type { ReserveResult } from '../../src/budget/lease-gate';
import { seedModels } from '../../src/llm/catalogue';
import { CircuitBreaker } from '../../src/llm/circuit-breaker';
import type { LedgerEntry } from '../../src/llm/ledger';
import { refuseOverBudget } from '../../src/llm/over-budget-policy';
import { defaultPolicy } from '../../src/llm/policy';
import type { LlmProvider, ProviderChunk } from '../../src/llm/providers/types';
import { LlmRouter } from '../../src/llm/router';
import type { ChatRequest } from '../../src/llm/types';

/** A provider that streams words until it is stopped, and says whether the router stopped it. */
function endlessProvider() {
  const seen = { aborted: false };
  const provider: LlmProvider = {
    id: 'moonshot',
    refusal: () => undefined,
    chat: () => Promise.reject(new Error('not used')),
    async *stream(call): AsyncIterable<ProviderChunk> {
      call.signal?.addEventListener('abort', () => {
        seen.aborted = true;
      });
      for (;;) yield { type: 'text', text: 'word ' };
    },
  };
  return { provider, seen };
}

function routerWith(provider: LlmProvider) {
  const entries: LedgerEntry[] = [];
  const settled: number[] = [];
  const reservation = (amountMicros: number): ReserveResult => ({
    ok: true,
    reservation: { amountMicros, leaseId: 'lease-1', settle: (micros) => settled.push(micros), release: () => {} },
  });
  const router = new LlmRouter({
    policy: defaultPolicy,
    catalogue: async () => seedModels,
    providers: { moonshot: provider },
    breaker: new CircuitBreaker(defaultPolicy.breaker),
    gate: { reserve: async (_scopes, amount) => reservation(amount) },
    ledger: {
      record: async (entry) => {
        entries.push(entry);
      },
    },
    overBudget: refuseOverBudget,
    log: { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} } as never,
  });
  return { router, entries, settled };
}

const request: ChatRequest = {
  messages: [{ role: 'user', content: 'tell a long story' }],
  maxTokens: 4_000,
  model: 'moonshot/kimi-k2.5',
  scopes: { run: 'cancel-test' },
  requestId: 'req-cancel',
};

describe('happy', () => {
  it('settles a stream its reader abandons from what was streamed, and records it as cancelled', async () => {
    const { provider, seen } = endlessProvider();
    const { router, entries, settled } = routerWith(provider);
    const events = router.stream(request);
    const received: string[] = [];
    for (let next = await events.next(); !next.done; next = await events.next()) {
      if (next.value.type === 'text') received.push(next.value.text);
      if (received.length === 3) break;
    }
    await events.return(undefined);
    expect(seen.aborted).toBe(true);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ status: 'cancelled', kind: 'call', leaseId: 'lease-1', requestId: 'req-cancel' });
    // Output bounded by the bytes streamed plus what may be in flight, well under max_tokens.
    expect(entry?.tokensOut).toBe('word '.length * 3 + 64);
    expect(settled).toEqual([entry?.costMicros]);
    expect(entry?.costMicros).toBeGreaterThan(0);
  });
});
