import type { ModelEntry } from './catalogue';
import { worstCaseCostMicros, worstCaseInputTokens } from './estimate';
import type { LedgerEntry, LedgerKind, LedgerStatus } from './ledger';
import type { ChatRequest, Usage } from './types';

export interface CallOutcome {
  callId: string;
  kind?: LedgerKind;
  status: LedgerStatus;
  latencyMs: number;
  usage?: Usage;
  costMicros?: number;
  cacheHit?: boolean;
  leaseId?: string;
  downgradedFrom?: string;
}

/** The ledger row of one attempt at one model. */
export function callEntry(
  request: Pick<ChatRequest, 'requestId' | 'scopes'> & Partial<Pick<ChatRequest, 'user' | 'metadata'>>,
  model: ModelEntry,
  outcome: CallOutcome,
): LedgerEntry {
  return {
    callId: outcome.callId,
    requestId: request.requestId,
    kind: outcome.kind ?? 'call',
    at: Date.now(),
    provider: model.provider,
    model: model.id,
    tokensIn: outcome.usage?.inputTokens ?? 0,
    tokensOut: outcome.usage?.outputTokens ?? 0,
    costMicros: outcome.costMicros ?? 0,
    latencyMs: outcome.latencyMs,
    status: outcome.status,
    cacheHit: outcome.cacheHit ?? false,
    scopes: request.scopes,
    leaseId: outcome.leaseId,
    ...(request.user === undefined ? {} : { user: request.user }),
    ...(request.metadata === undefined ? {} : { metadata: request.metadata }),
    ...(outcome.downgradedFrom === undefined ? {} : { downgradedFrom: outcome.downgradedFrom }),
  };
}

/**
 * Tokens a provider may still generate after the stream was cut and bill for: what was in flight
 * between its last chunk and the abort reaching it.
 */
const IN_FLIGHT_TOKENS = 64;
const encoder = new TextEncoder();

/**
 * A stream the client cancelled, with no usage from the provider: billed as an upper bound.
 * Every token covers at least one byte, so the UTF-8 bytes streamed bound the output tokens
 * sent; the input is bounded the way its reservation was; never above the reservation.
 */
export function cancelledUsage(request: ChatRequest, model: ModelEntry, streamed: string, reservedMicros: number) {
  const usage: Usage = {
    inputTokens: worstCaseInputTokens(request.messages, request),
    outputTokens: Math.min(request.maxTokens, encoder.encode(streamed).length + IN_FLIGHT_TOKENS),
  };
  const costMicros = Math.min(reservedMicros, worstCaseCostMicros(model, usage.inputTokens, usage.outputTokens));
  return { usage, costMicros };
}
