import { describe, expect, it } from 'vitest';
import type { Refusal } from '../../src/budget/types';
import { seedModels } from '../../src/llm/catalogue';
import { CircuitBreaker } from '../../src/llm/circuit-breaker';
import { OverBudgetError } from '../../src/llm/errors';
import type { LedgerEntry } from '../../src/llm/ledger';
import {
  deferOverBudget,
  type OverBudgetPolicy,
  refuseOverBudget,
  retryJobOverBudget,
} from '../../src/llm/over-budget-policy';
import { defaultPolicy, type RouterPolicy, routerPolicySchema } from '../../src/llm/policy';
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

/** Answers every call; the gate grants only worst cases up to `capMicros`. */
function cappedRouter(capMicros: number, policy: RouterPolicy = defaultPolicy) {
  const rows: LedgerEntry[] = [];
  const answered: string[] = [];
  const answer = (id: 'anthropic' | 'moonshot'): LlmProvider => ({
    id,
    refusal: () => undefined,
    chat: async (call) => {
      answered.push(call.model);
      return { text: 'ok', usage: { inputTokens: 10, outputTokens: 5 }, finishReason: 'stop', fake: true };
    },
    async *stream(call) {
      answered.push(call.model);
      yield { type: 'text', text: 'ok' };
      yield {
        type: 'done',
        result: { text: 'ok', usage: { inputTokens: 10, outputTokens: 5 }, finishReason: 'stop', fake: true },
      };
    },
  });
  const deferrals: string[] = [];
  const router = new LlmRouter({
    policy,
    catalogue: async () => seedModels,
    providers: { anthropic: answer('anthropic'), moonshot: answer('moonshot') },
    breaker: new CircuitBreaker(policy.breaker),
    gate: {
      reserve: async (_scopes, amountMicros) =>
        amountMicros <= capMicros
          ? { ok: true, reservation: { amountMicros, settle: () => {}, release: () => {} } }
          : { ok: false, refusal: { ...refusal, capMicros, requestedMicros: amountMicros } },
    },
    ledger: { record: async (entry) => void rows.push(entry) },
    overBudget: deferOverBudget({ defer: async () => `deferral-${deferrals.push('x')}` }),
    log: { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} } as never,
  });
  return { router, rows, answered, deferrals };
}

// Strategic: Opus (20 USD per million out) → Sonnet (10) → Kimi K2.5 (3). 1,000 tokens out:
// worst cases a little above 20,000, 10,000 and 3,000 micros.
const strategic: ChatRequest = {
  messages: [{ role: 'user', content: 'weigh the options' }],
  maxTokens: 1_000,
  taskClass: 'strategic',
  scopes: { agent: 'downgrade-test' },
  requestId: 'req-downgrade',
};
const rowsOf = (rows: LedgerEntry[]) => rows.map((row) => `${row.model}:${row.status}`);

describe('happy: budget-aware downgrade', () => {
  it('answers from the next cheaper candidate when the preferred one passes a cap', async () => {
    const { router, rows, answered, deferrals } = cappedRouter(15_000);
    const result = await router.chat(strategic);
    expect(result.model).toBe('anthropic/claude-sonnet-5-5');
    expect(result.downgrade).toEqual({ downgradedFrom: 'anthropic/claude-opus-5-5', reason: 'budget' });
    expect(answered).toEqual(['claude-sonnet-5-5']);
    expect(rowsOf(rows)).toEqual(['anthropic/claude-opus-5-5:refused', 'anthropic/claude-sonnet-5-5:ok']);
    expect(deferrals).toEqual([]);
  });

  it('steps down as far as it must, in a stream too', async () => {
    const { router, rows } = cappedRouter(5_000);
    const events = [];
    for await (const event of router.stream(strategic)) events.push(event);
    expect(events[0]).toMatchObject({
      type: 'start',
      model: 'moonshot/kimi-k2.5',
      downgrade: { downgradedFrom: 'anthropic/claude-opus-5-5', reason: 'budget' },
    });
    expect(rowsOf(rows)).toEqual([
      'anthropic/claude-opus-5-5:refused',
      'anthropic/claude-sonnet-5-5:refused',
      'moonshot/kimi-k2.5:ok',
    ]);
  });

  it('carries no note when the first choice fits', async () => {
    const { router } = cappedRouter(1_000_000);
    const result = await router.chat(strategic);
    expect(result.model).toBe('anthropic/claude-opus-5-5');
    expect(result.downgrade).toBeUndefined();
  });
});

describe('errors: when no cheaper candidate fits', () => {
  it('applies the over-budget policy once, after one refused row per candidate', async () => {
    const { router, rows, answered, deferrals } = cappedRouter(1_000);
    const error = await router.chat(strategic).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OverBudgetError);
    expect((error as OverBudgetError).deferralId).toBe('deferral-1');
    expect(deferrals).toHaveLength(1);
    expect(answered).toEqual([]);
    expect(rows.every((row) => row.status === 'refused')).toBe(true);
    expect(rows).toHaveLength(3);
  });

  it('never switches a named model', async () => {
    const { router, rows, answered } = cappedRouter(15_000);
    const named = { ...strategic, taskClass: undefined, model: 'anthropic/claude-opus-5-5' };
    await expect(router.chat(named)).rejects.toBeInstanceOf(OverBudgetError);
    expect(answered).toEqual([]);
    expect(rowsOf(rows)).toEqual(['anthropic/claude-opus-5-5:refused']);
  });

  it('defers at once for a class whose policy says defer', async () => {
    const policy = routerPolicySchema.parse({ ...defaultPolicy, onOverBudget: { strategic: 'defer' } });
    expect(policy.onOverBudget).toEqual({ simple: 'downgrade', research: 'downgrade', strategic: 'defer' });
    const { router, rows, answered } = cappedRouter(15_000, policy);
    await expect(router.chat(strategic)).rejects.toBeInstanceOf(OverBudgetError);
    expect(answered).toEqual([]);
    expect(rowsOf(rows)).toEqual(['anthropic/claude-opus-5-5:refused']);
  });

  it('refuses an unknown over-budget mode in the policy by name', () => {
    const parsed = routerPolicySchema.safeParse({ ...defaultPolicy, onOverBudget: { research: 'upgrade' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['onOverBudget', 'research']);
  });
});
