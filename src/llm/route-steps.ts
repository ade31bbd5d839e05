import type { Reservation, ReserveResult } from '../budget/lease-gate';
import type { CallScopes } from '../budget/scopes';
import type { Refusal } from '../budget/types';
import type { Logger } from '../observability/logger';
import type { BudgetDowngrade } from './budget-downgrade';
import { type CallOutcome, callEntry } from './call-entry';
import type { ModelEntry } from './catalogue';
import type { CircuitBreaker } from './circuit-breaker';
import type { EmbeddingsResult } from './embeddings-types';
import { type AttemptRecord, OverBudgetError, UpstreamError } from './errors';
import { worstCaseCostMicros, worstCaseInputTokens } from './estimate';
import type { LedgerWriter } from './ledger';
import { applyOverBudgetPolicy, type OverBudgetPolicy } from './over-budget-policy';
import type { RouterPolicy } from './policy';
import type { ProviderError } from './providers/errors';
import type { ProviderRegistry } from './providers/registry';
import type { ResponseCache } from './response-cache';
import type { ChatRequest } from './types';

export interface BudgetGate {
  reserve(scopes: CallScopes, amountMicros: number): Promise<ReserveResult>;
}

export interface RouterDeps {
  policy: RouterPolicy;
  catalogue(): Promise<readonly ModelEntry[]>;
  providers: ProviderRegistry;
  breaker: CircuitBreaker;
  gate: BudgetGate;
  ledger: LedgerWriter;
  /** What becomes of a call over a budget cap. */
  overBudget: OverBudgetPolicy;
  cache?: ResponseCache;
  /** Embeddings answers, which are always deterministic. */
  embeddingsCache?: ResponseCache<EmbeddingsResult>;
  cacheTtlSeconds?: number;
  log: Logger;
  sleep?: (ms: number) => Promise<void>;
}

export const downgradeOf = (budget: BudgetDowngrade) => (budget.note ? { downgrade: budget.note } : {});

/** Ends routing at once: these say the request itself is wrong, so no other provider will take it. */
export const isFinal = (error: ProviderError) => error.kind === 'invalid';

/** The acknowledgements of the ledger rows one call has written so far. */
export type RowsStored = Promise<void>[];

/** What answered and streamed calls share for each candidate: the budget, the breaker and the ledger. */
export class RouteSteps {
  constructor(readonly deps: RouterDeps) {}

  /**
   * Reserves the worst case of one candidate. A refusal is a ledger row of its own; under a
   * downgrade the call moves on to a cheaper candidate (undefined), else the over-budget policy ends it.
   */
  async reserveOrDefer(
    request: ChatRequest,
    model: ModelEntry,
    budget: BudgetDowngrade,
    rows: RowsStored,
  ): Promise<Reservation | undefined> {
    const worstCase = worstCaseCostMicros(model, worstCaseInputTokens(request.messages, request), request.maxTokens);
    if (!budget.admits(worstCase)) return undefined;
    const reserved = await this.deps.gate.reserve(request.scopes, worstCase);
    if (reserved.ok) {
      budget.reserved();
      return reserved.reservation;
    }
    this.record(rows, request, model, {
      callId: crypto.randomUUID(),
      kind: 'refusal',
      status: 'refused',
      latencyMs: 0,
    });
    budget.refused(model, worstCase, reserved.refusal);
    if (budget.allowed) return undefined;
    throw await this.overBudget(request, reserved.refusal);
  }

  private async overBudget(request: ChatRequest, refusal: Refusal): Promise<OverBudgetError> {
    return new OverBudgetError(refusal, await applyOverBudgetPolicy(this.deps.overBudget, request, refusal));
  }

  /** Every candidate was tried: over budget when the last word was a cap's, else every upstream failed. */
  async noAnswer(request: ChatRequest, attempts: AttemptRecord[], budget: BudgetDowngrade): Promise<never> {
    const refusal = budget.finalRefusal;
    if (refusal) throw await this.overBudget(request, refusal);
    throw new UpstreamError(attempts);
  }

  /** Only a provider-side failure counts against its breaker; a request it rightly refused does not. */
  markFailure(model: ModelEntry, error: ProviderError): void {
    if (error.kind === 'invalid' || error.kind === 'context_length') {
      this.deps.breaker.succeeded(model.provider);
      return;
    }
    this.deps.breaker.failed(model.provider, Date.now(), error.status === 429 ? error.retryAfterMs : undefined);
  }

  record(rows: RowsStored, request: ChatRequest, model: ModelEntry, outcome: CallOutcome): void {
    rows.push(this.deps.ledger.record(callEntry(request, model, outcome)));
  }
}
