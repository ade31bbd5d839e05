import type { Refusal } from '../budget/types';
import type { ChatRequest } from './types';

export interface Deferrer {
  /** Queues the request to run when the budget allows; returns the deferral id. */
  defer(request: ChatRequest, refusal: Refusal): Promise<string>;
}

/**
 * What the router does with a call that does not fit a budget cap. The call is never sent;
 * the router throws OverBudgetError either way, and the policy says what happens to the call:
 * - `defer`: the deferrer keeps it and it runs once its window opens (the error names the deferral);
 * - `refuse`: nothing is kept, the caller falls back (the rule-based wording, a skipped step);
 * - `retry-job`: nothing is kept, the queue job that asked waits on its queue and asks again.
 */
export type OverBudgetPolicy =
  | { onOverBudget: 'defer'; deferrer: Deferrer }
  | { onOverBudget: 'refuse' }
  | { onOverBudget: 'retry-job' };

export const deferOverBudget = (deferrer: Deferrer): OverBudgetPolicy => ({ onOverBudget: 'defer', deferrer });
export const refuseOverBudget: OverBudgetPolicy = { onOverBudget: 'refuse' };
export const retryJobOverBudget: OverBudgetPolicy = { onOverBudget: 'retry-job' };

/** The deferral id for a refused call under `policy`; undefined when the policy keeps nothing. */
export async function applyOverBudgetPolicy(
  policy: OverBudgetPolicy,
  request: ChatRequest,
  refusal: Refusal,
): Promise<string | undefined> {
  return policy.onOverBudget === 'defer' ? policy.deferrer.defer(request, refusal) : undefined;
}
