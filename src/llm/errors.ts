import type { Refusal } from '../budget/types';
import type { SkippedCandidate } from './route-plan';

export interface AttemptRecord {
  model: string;
  error: string;
  kind: string;
  status?: number;
}

/**
 * The call did not fit a budget cap and was not sent. `deferralId` names the deferral that runs it
 * later when the router's policy defers; other policies keep nothing (see OverBudgetPolicy).
 */
export class OverBudgetError extends Error {
  constructor(
    readonly refusal: Refusal,
    readonly deferralId: string | undefined,
  ) {
    super(`Over the ${refusal.window} cap of ${refusal.scope.kind}:${refusal.scope.id}`);
    this.name = 'OverBudgetError';
  }
}

/** No model in the plan can take this request (size, configuration, catalogue). */
export class NoRouteError extends Error {
  constructor(readonly skipped: SkippedCandidate[]) {
    super('No model can take this request');
    this.name = 'NoRouteError';
  }
}

/** Every candidate failed; `attempts` says how. */
export class UpstreamError extends Error {
  constructor(
    readonly attempts: AttemptRecord[],
    readonly invalidRequest = false,
  ) {
    super(invalidRequest ? 'The provider rejected the request' : 'Every provider failed');
    this.name = 'UpstreamError';
  }
}
