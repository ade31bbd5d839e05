import type { Reservation, ReserveResult } from '../budget/lease-gate';
import type { CallScopes } from '../budget/scopes';
import type { Refusal } from '../budget/types';
import type { Logger } from '../observability/logger';
import { BudgetDowngrade } from './budget-downgrade';
import { requestSubjects } from './cache-subjects';
import { type CallOutcome, callEntry, cancelledUsage } from './call-entry';
import { chatResult, providerCall } from './call-shapes';
import type { ModelEntry } from './catalogue';
import type { CircuitBreaker } from './circuit-breaker';
import { retryWaitMs } from './connection-failure';
import { EmbeddingsRouter } from './embeddings-router';
import type { EmbeddingsRequest, EmbeddingsResult } from './embeddings-types';
import { type AttemptRecord, OverBudgetError, UpstreamError } from './errors';
import { actualCostMicros, worstCaseCostMicros, worstCaseInputTokens } from './estimate';
import type { LedgerWriter } from './ledger';
import { applyOverBudgetPolicy, type OverBudgetPolicy } from './over-budget-policy';
import type { RouterPolicy } from './policy';
import { ProviderError } from './providers/errors';
import type { ProviderRegistry } from './providers/registry';
import { cacheKey, isCacheable, type ResponseCache } from './response-cache';
import { emptyPlanError, planRoute } from './route-plan';
import type { ChatRequest, ChatResult, StreamEvent } from './types';

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

const downgradeOf = (budget: BudgetDowngrade) => (budget.note ? { downgrade: budget.note } : {});

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Ends routing at once: these say the request itself is wrong, so no other provider will take it. */
const isFinal = (error: ProviderError) => error.kind === 'invalid';

/** The acknowledgements of the ledger rows one call has written so far. */
type RowsStored = Promise<void>[];

/**
 * The one path of every LLM call: plan candidates by policy, reserve the worst case against the
 * budget, call with fallback, settle from real usage, and write the ledger.
 */
export class LlmRouter {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: RouterDeps) {
    this.sleep = deps.sleep ?? defaultSleep;
  }

  /** Answers (or fails) only once every ledger row the call wrote is stored. */
  async chat(request: ChatRequest): Promise<ChatResult> {
    const rows: RowsStored = [];
    try {
      return await this.route(request, rows);
    } finally {
      await Promise.all(rows);
    }
  }

  private async route(request: ChatRequest, rows: RowsStored): Promise<ChatResult> {
    const plan = planRoute(request, this.deps.policy, await this.deps.catalogue(), this.deps.providers);
    if (plan.candidates.length === 0) throw emptyPlanError(plan);
    const attempts: AttemptRecord[] = [];
    const budget = BudgetDowngrade.for(plan, this.deps.policy);
    for (const { model } of plan.candidates) {
      const cached = await this.fromCache(request, model, rows);
      if (cached) return cached;
      if (!this.deps.breaker.allow(model.provider)) {
        attempts.push({ model: model.id, kind: 'circuit_open', error: 'provider marked down' });
        continue;
      }
      const outcome = await this.tryModel(request, model, attempts, rows, budget);
      if (outcome) return outcome;
    }
    return this.noAnswer(request, attempts, budget);
  }

  /** Embeddings through the same budget, ledger and cache (embeddings-router.ts). */
  embed(request: EmbeddingsRequest): Promise<EmbeddingsResult> {
    const { embeddingsCache, ...deps } = this.deps;
    return new EmbeddingsRouter({ ...deps, cache: embeddingsCache, sleep: this.sleep }).embed(request);
  }

  /**
   * Streams from the first candidate that starts answering. Fallback is possible only until the
   * first token. The call is settled and recorded however its stream ends: from the provider's
   * usage when it finishes, at its worst case when the upstream fails mid-way (the provider may
   * bill the partial answer), and from what was streamed when the client stops reading. Its
   * `done` event, and an error it ends with, come only once its ledger rows are stored.
   */
  async *stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const rows: RowsStored = [];
    try {
      yield* this.streamRoute(request, rows);
    } finally {
      await Promise.all(rows);
    }
  }

  private async *streamRoute(request: ChatRequest, rows: RowsStored): AsyncGenerator<StreamEvent> {
    const plan = planRoute(request, this.deps.policy, await this.deps.catalogue(), this.deps.providers);
    if (plan.candidates.length === 0) throw emptyPlanError(plan);
    const attempts: AttemptRecord[] = [];
    const budget = BudgetDowngrade.for(plan, this.deps.policy);
    for (const { model } of plan.candidates) {
      const provider = this.deps.providers[model.provider];
      if (!provider || !this.deps.breaker.allow(model.provider)) continue;
      const reservation = await this.reserveOrDefer(request, model, budget, rows);
      if (!reservation) continue;
      const callId = crypto.randomUUID();
      const leaseId = reservation.leaseId;
      const started = Date.now();
      const upstream = new AbortController();
      const chunks = provider
        .stream({ ...providerCall(request, model), signal: upstream.signal })
        [Symbol.asyncIterator]();
      let next: IteratorResult<Awaited<ReturnType<typeof chunks.next>>['value']>;
      try {
        next = await chunks.next();
      } catch (error) {
        reservation.release();
        this.record(rows, request, model, { callId, status: 'error', latencyMs: Date.now() - started, leaseId });
        if (!(error instanceof ProviderError)) throw error;
        attempts.push({ model: model.id, kind: error.kind, error: error.message, status: error.status });
        this.markFailure(model, error);
        if (isFinal(error)) throw new UpstreamError(attempts, true);
        continue;
      }
      let streamed = '';
      let ended = false;
      try {
        yield { type: 'start', model: model.id, provider: model.provider, ...downgradeOf(budget) };
        while (!next.done) {
          const chunk = next.value;
          if (chunk.type === 'text' || chunk.type === 'tool_call') {
            streamed += chunk.type === 'text' ? chunk.text : `${chunk.name ?? ''}${chunk.arguments}`;
            yield chunk;
          } else {
            ended = true;
            this.deps.breaker.succeeded(model.provider);
            const costMicros = actualCostMicros(model, chunk.result.usage);
            reservation.settle(costMicros);
            const result = {
              ...chatResult(request, model, chunk.result, costMicros, Date.now() - started),
              ...downgradeOf(budget),
            };
            this.record(rows, request, model, {
              callId,
              status: 'ok',
              latencyMs: result.latencyMs,
              usage: result.usage,
              costMicros,
              leaseId,
              downgradedFrom: budget.note?.downgradedFrom,
            });
            await Promise.all(rows);
            yield { type: 'done', result };
            return;
          }
          next = await chunks.next();
        }
        throw new ProviderError(model.provider, 'retryable', 'stream ended without usage');
      } catch (error) {
        ended = true;
        reservation.settle(reservation.amountMicros);
        this.record(rows, request, model, {
          callId,
          status: 'error',
          latencyMs: Date.now() - started,
          costMicros: reservation.amountMicros,
          leaseId,
        });
        throw error;
      } finally {
        if (!ended) {
          // The consumer stopped reading (a client cancel): bill what was streamed, then stop the
          // upstream without waiting on it, so the settlement never hangs on a provider's socket.
          upstream.abort();
          chunks.return?.(undefined).catch(() => undefined);
          const { usage, costMicros } = cancelledUsage(request, model, streamed, reservation.amountMicros);
          reservation.settle(costMicros);
          this.record(rows, request, model, {
            callId,
            status: 'cancelled',
            latencyMs: Date.now() - started,
            usage,
            costMicros,
            leaseId,
          });
        }
      }
    }
    return this.noAnswer(request, attempts, budget);
  }

  /**
   * Reserves the worst case of one candidate. A refusal is a ledger row of its own; under a
   * downgrade the call moves on to a cheaper candidate (undefined), else the over-budget policy ends it.
   */
  private async reserveOrDefer(
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
  private async noAnswer(request: ChatRequest, attempts: AttemptRecord[], budget: BudgetDowngrade): Promise<never> {
    const refusal = budget.finalRefusal;
    if (refusal) throw await this.overBudget(request, refusal);
    throw new UpstreamError(attempts);
  }

  /** One candidate: reserve, call (waiting out a short retry-after once), settle or release. */
  private async tryModel(
    request: ChatRequest,
    model: ModelEntry,
    attempts: AttemptRecord[],
    rows: RowsStored,
    budget: BudgetDowngrade,
  ): Promise<ChatResult | undefined> {
    const provider = this.deps.providers[model.provider];
    if (!provider) return undefined;
    const reservation = await this.reserveOrDefer(request, model, budget, rows);
    if (!reservation) return undefined;
    const call = providerCall(request, model);
    let callId = crypto.randomUUID();
    const leaseId = reservation.leaseId;
    const started = Date.now();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const result = await provider.chat(call);
        this.deps.breaker.succeeded(model.provider);
        const costMicros = actualCostMicros(model, result.usage);
        reservation.settle(costMicros);
        const chat = {
          ...chatResult(request, model, result, costMicros, Date.now() - started),
          ...downgradeOf(budget),
        };
        this.record(rows, request, model, {
          callId,
          status: 'ok',
          latencyMs: chat.latencyMs,
          usage: result.usage,
          costMicros,
          leaseId,
          downgradedFrom: budget.note?.downgradedFrom,
        });
        await this.toCache(request, model, chat);
        return chat;
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        attempts.push({ model: model.id, kind: error.kind, error: error.message, status: error.status });
        this.deps.log.warn('provider call failed', { model: model.id, kind: error.kind, status: error.status });
        const wait = retryWaitMs(error, this.deps.policy.maxRetryWaitMs);
        if (attempt === 0 && wait !== undefined) {
          // The attempt that failed keeps its own row; the retry runs under the same reservation.
          this.record(rows, request, model, { callId, status: 'error', latencyMs: Date.now() - started, leaseId });
          callId = crypto.randomUUID();
          if (wait > 0) await this.sleep(wait);
          continue;
        }
        reservation.release();
        this.markFailure(model, error);
        this.record(rows, request, model, { callId, status: 'error', latencyMs: Date.now() - started, leaseId });
        if (isFinal(error)) throw new UpstreamError(attempts, true);
        return undefined;
      }
    }
    return undefined;
  }

  /** Only a provider-side failure counts against its breaker; a request it rightly refused does not. */
  private markFailure(model: ModelEntry, error: ProviderError): void {
    if (error.kind === 'invalid' || error.kind === 'context_length') {
      this.deps.breaker.succeeded(model.provider);
      return;
    }
    this.deps.breaker.failed(model.provider, Date.now(), error.status === 429 ? error.retryAfterMs : undefined);
  }

  private async fromCache(request: ChatRequest, model: ModelEntry, rows: RowsStored): Promise<ChatResult | undefined> {
    if (!this.deps.cache || !isCacheable(request)) return undefined;
    const hit = await this.deps.cache.get(await cacheKey(request, model.id)).catch(() => undefined);
    if (!hit) return undefined;
    this.record(rows, request, model, {
      callId: crypto.randomUUID(),
      kind: 'cache_hit',
      status: 'cached',
      latencyMs: 0,
      usage: hit.usage,
      cacheHit: true,
    });
    return { ...hit, id: request.requestId, cached: true, costMicros: 0, latencyMs: 0 };
  }

  private async toCache(request: ChatRequest, model: ModelEntry, result: ChatResult): Promise<void> {
    if (!this.deps.cache || !isCacheable(request) || result.finishReason !== 'stop') return;
    // A cache outage must not fail a call that already succeeded and was paid for. A later hit
    // answers from this model directly, so how this answer was routed is not kept.
    const { downgrade: _routed, ...answer } = result;
    await this.deps.cache
      .put(await cacheKey(request, model.id), answer, requestSubjects(request))
      .catch(() => undefined);
  }

  private record(rows: RowsStored, request: ChatRequest, model: ModelEntry, outcome: CallOutcome): void {
    rows.push(this.deps.ledger.record(callEntry(request, model, outcome)));
  }
}
