import { BudgetDowngrade } from './budget-downgrade';
import { cancelledUsage } from './call-entry';
import { chatResult, providerCall } from './call-shapes';
import { type AttemptRecord, UpstreamError } from './errors';
import { actualCostMicros } from './estimate';
import { ProviderError } from './providers/errors';
import { emptyPlanError, planRoute } from './route-plan';
import { downgradeOf, isFinal, type RouteSteps, type RowsStored } from './route-steps';
import type { ChatRequest, StreamEvent } from './types';

/** LlmRouter.stream's candidates in turn (router.ts says what a streamed call promises). */
export async function* streamRoute(
  steps: RouteSteps,
  request: ChatRequest,
  rows: RowsStored,
): AsyncGenerator<StreamEvent> {
  const plan = planRoute(request, steps.deps.policy, await steps.deps.catalogue(), steps.deps.providers);
  if (plan.candidates.length === 0) throw emptyPlanError(plan);
  const attempts: AttemptRecord[] = [];
  const budget = BudgetDowngrade.for(plan, steps.deps.policy);
  for (const { model } of plan.candidates) {
    const provider = steps.deps.providers[model.provider];
    if (!provider || !steps.deps.breaker.allow(model.provider)) continue;
    const reservation = await steps.reserveOrDefer(request, model, budget, rows);
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
      steps.record(rows, request, model, { callId, status: 'error', latencyMs: Date.now() - started, leaseId });
      if (!(error instanceof ProviderError)) throw error;
      attempts.push({ model: model.id, kind: error.kind, error: error.message, status: error.status });
      steps.markFailure(model, error);
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
          steps.deps.breaker.succeeded(model.provider);
          const costMicros = actualCostMicros(model, chunk.result.usage);
          reservation.settle(costMicros);
          const result = {
            ...chatResult(request, model, chunk.result, costMicros, Date.now() - started),
            ...downgradeOf(budget),
          };
          steps.record(rows, request, model, {
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
      steps.record(rows, request, model, {
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
        steps.record(rows, request, model, {
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
  return steps.noAnswer(request, attempts, budget);
}
