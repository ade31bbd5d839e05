import type { Refusal } from '../budget/types';

/** A model the router passed over for a request, and why. */
export interface SkippedCandidate {
  model: string;
  reason:
    | 'unknown_model'
    | 'not_allowed'
    | 'inactive'
    | 'not_configured'
    | 'context_window'
    | 'input_limit'
    | 'max_output'
    | 'unsupported_parameter';
  /** With `unsupported_parameter`: which one, and why. */
  parameter?: string;
  detail?: string;
}

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

/** The request asks for something the model it names (or every candidate) cannot honour. */
export class UnsupportedParameterError extends Error {
  constructor(
    readonly parameter: string,
    readonly model: string,
    reason: string,
  ) {
    super(`The parameter '${parameter}' cannot be honoured by ${model}: it ${reason}`);
    this.name = 'UnsupportedParameterError';
  }
}

/** The caller named a model its key may not call. */
export class ModelNotAllowedError extends Error {
  constructor(readonly model: string) {
    super(`This API key may not call ${model}`);
    this.name = 'ModelNotAllowedError';
  }
}
