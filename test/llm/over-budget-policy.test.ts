import { describe, expect, it } from 'vitest';
import type { Refusal } from '../../src/budget/types';
import { seedModels } from '../../src/llm/catalogue';
import { CircuitBreaker } from '../../src/llm/circuit-breaker';
import { OverBudgetError } from '../../src/llm/errors';
import {
  deferOverBudget,
  type OverBudgetPolicy,
  refuseOverBudget,
  retryJobOverBudget,
} from '../../src/llm/over-budget-policy';
import { defaultPolicy } from '../../src/llm/policy';
import type { LlmProvider } from '../../src/llm/providers/types';
import { LlmRouter } from '../../src/llm/router';
import type { ChatRequest } from '../../src/llm/types';

const refusal: Refusal = {
  scope: { kind: 'global', id: 'global' },
  window: 'day',
  capMicros: 1_000,
  spentMicros: 1_000,
  reservedMicros: 0,
  requestedMicros: 50,
  retryAt: Date.now() + 3_600_000,
};

/** A router whose budget refuses every call and whose provider must never be reached. */
function overBudgetRouter(overBudget: OverBudgetPolicy) {
  const sent: string[] = [];
  const provider: LlmProvider = {
    id: 'moonshot',
    refusal: () => undefined,
    chat: async () => {
      sent.push('chat');
      throw new Error('sent over budget');
    },
    // biome-ignore lint/correctness/useYield: a provider the test must never reach
    async *stream() {
      sent.push('stream');
      throw new Error('sent over budget');
    },
  };
  const router = new LlmRouter({
    policy: defaultPolicy,
    catalogue: async () => seedModels,
    providers: { moonshot: provider },
    breaker: new CircuitBreaker(defaultPolicy.breaker),
    gate: { reserve: async () => ({ ok: false, refusal }) },
    ledger: { record: async () => {} },
    overBudget,
    log: { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} } as never,
  });
  return { router, sent };
}

const request: ChatRequest = {
  messages: [{ role: 'user', content: 'summarise the week' }],
  maxTokens: 200,
  model: 'moonshot/kimi-k2.5',
  scopes: { run: 'policy-test' },
  requestId: 'req-policy',
};

const refusedWith = async (router: LlmRouter) => {
  const error = await router.chat(request).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(OverBudgetError);
  return error as OverBudgetError;
};

describe('errors', () => {
  it('defers under the defer policy and names the deferral', async () => {
    const deferred: Refusal[] = [];
    const { router, sent } = overBudgetRouter(
      deferOverBudget({
        defer: async (_request, why) => {
          deferred.push(why);
          return 'deferral-1';
        },
      }),
    );
    expect((await refusedWith(router)).deferralId).toBe('deferral-1');
    expect(deferred).toEqual([refusal]);
    expect(sent).toEqual([]);
  });

  it.each([
    ['refuse', refuseOverBudget],
    ['retry-job', retryJobOverBudget],
  ])('keeps nothing under the %s policy: no deferral id, nothing sent', async (_name, policy) => {
    const { router, sent } = overBudgetRouter(policy);
    const error = await refusedWith(router);
    expect(error.deferralId).toBeUndefined();
    expect(error.refusal).toEqual(refusal);
    expect(sent).toEqual([]);
  });
});
