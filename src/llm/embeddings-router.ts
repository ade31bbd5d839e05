import type { ReserveResult } from '../budget/lease-gate';
import type { CallScopes } from '../budget/scopes';
import type { Logger } from '../observability/logger';
import { subjectsOf } from './cache-subjects';
import { type CallOutcome, callEntry } from './call-entry';
import type { ModelEntry } from './catalogue';
import type { CircuitBreaker } from './circuit-breaker';
import { retryWaitMs } from './connection-failure';
import { planEmbeddings, worstCaseEmbeddingTokens } from './embeddings-plan';
import type { EmbeddingsGateway, EmbeddingsRequest, EmbeddingsResult } from './embeddings-types';
import { type AttemptRecord, OverBudgetError, UpstreamError } from './errors';
import { actualCostMicros, worstCaseCostMicros } from './estimate';
import type { LedgerWriter } from './ledger';
import type { RouterPolicy } from './policy';
import { ProviderError } from './providers/errors';
import type { ProviderRegistry } from './providers/registry';
import { digestKey, type ResponseCache } from './response-cache';

export interface EmbeddingsRouterDeps {
  policy: Pick<RouterPolicy, 'maxRetryWaitMs'>;
  catalogue(): Promise<readonly ModelEntry[]>;
  providers: ProviderRegistry;
  breaker: CircuitBreaker;
  gate: { reserve(scopes: CallScopes, amountMicros: number): Promise<ReserveResult> };
  ledger: LedgerWriter;
  cache?: ResponseCache<EmbeddingsResult>;
  log: Logger;
  sleep(ms: number): Promise<void>;
}

// Vectors are large (a 1,536-dimension vector is about 30 KB of JSON): bigger batches are not
// cached, so one answer never outgrows a cache entry.
const MAX_CACHED_NUMBERS = 64 * 1_536;

const cacheKeyOf = (request: EmbeddingsRequest, model: ModelEntry) =>
  digestKey('llm:embeddings', [model.id, request.input, request.dimensions ?? null]);

/**
 * Embeddings through the same books as chat: reserve the worst case from the input, call the one
 * named model (a short retry-after is waited out once; there is no fallback, another model's
 * vectors would not match), settle from the reported usage, one ledger row per attempt, a cache
 * hit its own `cached` row. Over a cap the call is refused, never deferred: its caller is waiting.
 */
export class EmbeddingsRouter implements EmbeddingsGateway {
  constructor(private readonly deps: EmbeddingsRouterDeps) {}

  /** Answers (or fails) only once every ledger row the call wrote is stored. */
  async embed(request: EmbeddingsRequest): Promise<EmbeddingsResult> {
    const rows: Promise<void>[] = [];
    const record = (model: ModelEntry, outcome: CallOutcome) =>
      rows.push(this.deps.ledger.record(callEntry(request, model, outcome)));
    try {
      return await this.route(request, record);
    } finally {
      await Promise.all(rows);
    }
  }

  private async route(
    request: EmbeddingsRequest,
    record: (model: ModelEntry, outcome: CallOutcome) => void,
  ): Promise<EmbeddingsResult> {
    const { model, provider } = planEmbeddings(request, await this.deps.catalogue(), this.deps.providers);
    const cached = await this.fromCache(request, model);
    if (cached) {
      record(model, {
        callId: crypto.randomUUID(),
        kind: 'cache_hit',
        status: 'cached',
        latencyMs: 0,
        usage: { inputTokens: cached.usage.inputTokens, outputTokens: 0 },
        cacheHit: true,
      });
      return cached;
    }
    if (!this.deps.breaker.allow(model.provider)) {
      throw new UpstreamError([{ model: model.id, kind: 'circuit_open', error: 'provider marked down' }]);
    }
    const worstTokens = worstCaseEmbeddingTokens(request.input);
    const reserved = await this.deps.gate.reserve(request.scopes, worstCaseCostMicros(model, worstTokens, 0));
    if (!reserved.ok) {
      record(model, { callId: crypto.randomUUID(), kind: 'refusal', status: 'refused', latencyMs: 0 });
      throw new OverBudgetError(reserved.refusal, undefined);
    }
    const reservation = reserved.reservation;
    let callId = crypto.randomUUID();
    const leaseId = reservation.leaseId;
    const started = Date.now();
    const attempts: AttemptRecord[] = [];
    for (let attempt = 0; ; attempt += 1) {
      try {
        const answer = await provider.embed({
          model: model.modelId,
          input: request.input,
          ...(request.dimensions !== undefined ? { dimensions: request.dimensions } : {}),
          ...(request.user !== undefined ? { user: request.user } : {}),
        });
        this.deps.breaker.succeeded(model.provider);
        // A provider that reports no usage is billed the bound it was reserved at.
        const usage = { inputTokens: answer.inputTokens ?? worstTokens, outputTokens: 0 };
        const costMicros = actualCostMicros(model, usage);
        reservation.settle(costMicros);
        const latencyMs = Date.now() - started;
        record(model, { callId, status: 'ok', latencyMs, usage, costMicros, leaseId });
        const result: EmbeddingsResult = {
          id: request.requestId,
          model: model.id,
          provider: model.provider,
          vectors: answer.vectors,
          usage: { inputTokens: usage.inputTokens },
          costMicros,
          latencyMs,
          cached: false,
          fake: answer.fake,
        };
        await this.toCache(request, model, result);
        return result;
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        attempts.push({ model: model.id, kind: error.kind, error: error.message, status: error.status });
        this.deps.log.warn('embeddings call failed', { model: model.id, kind: error.kind, status: error.status });
        const wait = retryWaitMs(error, this.deps.policy.maxRetryWaitMs);
        if (attempt === 0 && wait !== undefined) {
          record(model, { callId, status: 'error', latencyMs: Date.now() - started, leaseId });
          callId = crypto.randomUUID();
          if (wait > 0) await this.deps.sleep(wait);
          continue;
        }
        reservation.release();
        if (error.kind === 'invalid' || error.kind === 'context_length') this.deps.breaker.succeeded(model.provider);
        else
          this.deps.breaker.failed(model.provider, Date.now(), error.status === 429 ? error.retryAfterMs : undefined);
        record(model, { callId, status: 'error', latencyMs: Date.now() - started, leaseId });
        throw new UpstreamError(attempts, error.kind === 'invalid');
      }
    }
  }

  private async fromCache(request: EmbeddingsRequest, model: ModelEntry): Promise<EmbeddingsResult | undefined> {
    if (!this.deps.cache) return undefined;
    const hit = await this.deps.cache.get(await cacheKeyOf(request, model)).catch(() => undefined);
    return hit && { ...hit, id: request.requestId, cached: true, costMicros: 0, latencyMs: 0 };
  }

  private async toCache(request: EmbeddingsRequest, model: ModelEntry, result: EmbeddingsResult): Promise<void> {
    const numbers = result.vectors.reduce((sum, vector) => sum + vector.length, 0);
    if (!this.deps.cache || numbers > MAX_CACHED_NUMBERS) return;
    // A cache outage must not fail a call that already succeeded and was paid for.
    await this.deps.cache
      .put(await cacheKeyOf(request, model), result, subjectsOf(request.input))
      .catch(() => undefined);
  }
}
