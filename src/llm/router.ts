import { BudgetDowngrade } from './budget-downgrade';
import { requestSubjects } from './cache-subjects';
import { chatResult, providerCall } from './call-shapes';
import type { ModelEntry } from './catalogue';
import { retryWaitMs } from './connection-failure';
import { EmbeddingsRouter } from './embeddings-router';
import type { EmbeddingsRequest, EmbeddingsResult } from './embeddings-types';
import { type AttemptRecord, UpstreamError } from './errors';
import { actualCostMicros } from './estimate';
import { ProviderError } from './providers/errors';
import { cacheKey, isCacheable } from './response-cache';
import { emptyPlanError, planRoute } from './route-plan';
import { downgradeOf, isFinal, type RouterDeps, RouteSteps, type RowsStored } from './route-steps';
import { streamRoute } from './stream-route';
import type { ChatRequest, ChatResult, StreamEvent } from './types';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one path of every LLM call: plan candidates by policy, reserve the worst case against the
 * budget, call with fallback, settle from real usage, and write the ledger.
 */
export class LlmRouter {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly steps: RouteSteps;

  constructor(private readonly deps: RouterDeps) {
    this.sleep = deps.sleep ?? defaultSleep;
    this.steps = new RouteSteps(deps);
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
    return this.steps.noAnswer(request, attempts, budget);
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
      yield* streamRoute(this.steps, request, rows);
    } finally {
      await Promise.all(rows);
    }
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
    const reservation = await this.steps.reserveOrDefer(request, model, budget, rows);
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
        this.steps.record(rows, request, model, {
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
          this.steps.record(rows, request, model, {
            callId,
            status: 'error',
            latencyMs: Date.now() - started,
            leaseId,
          });
          callId = crypto.randomUUID();
          if (wait > 0) await this.sleep(wait);
          continue;
        }
        reservation.release();
        this.steps.markFailure(model, error);
        this.steps.record(rows, request, model, { callId, status: 'error', latencyMs: Date.now() - started, leaseId });
        if (isFinal(error)) throw new UpstreamError(attempts, true);
        return undefined;
      }
    }
    return undefined;
  }

  private async fromCache(request: ChatRequest, model: ModelEntry, rows: RowsStored): Promise<ChatResult | undefined> {
    if (!this.deps.cache || !isCacheable(request)) return undefined;
    const hit = await this.deps.cache.get(await cacheKey(request, model.id)).catch(() => undefined);
    if (!hit) return undefined;
    this.steps.record(rows, request, model, {
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
}
