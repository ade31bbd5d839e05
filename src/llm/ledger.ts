import type { CallScopes } from '../budget/scopes';

/**
 * What a ledger row stands for. A `call` is one provider attempt that may cost money; cache hits
 * and refusals are rows of their own kind, never counted as calls. The ledger object adds the
 * rest: budget a lease held when its holder vanished (`lease_expired`), and the correction when a
 * row of such a lease arrives late (`expiry_adjustment`, negative).
 */
export const ledgerKinds = ['call', 'cache_hit', 'refusal', 'lease_expired', 'expiry_adjustment'] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

export const ledgerStatuses = ['ok', 'error', 'cached', 'refused', 'cancelled'] as const;
export type LedgerStatus = (typeof ledgerStatuses)[number];

/** One row of the spend ledger; `callId` makes every write and replay of it a no-op after the first. */
export interface LedgerEntry {
  callId: string;
  /** The request the call served; several calls (fallbacks, an agent's steps) share one. */
  requestId: string;
  kind: LedgerKind;
  at: number;
  provider: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
  costMicros: number;
  latencyMs: number;
  status: LedgerStatus;
  cacheHit: boolean;
  scopes: CallScopes;
  /** The budget lease the cost was reserved on; absent for calls that cost nothing. */
  leaseId?: string;
  /** The caller's end user (`user`, `safety_identifier`, `metadata.user_id`), when it named one. */
  user?: string;
  /** The caller's labels (OpenAI's `metadata`: at most 16 string pairs). */
  metadata?: Record<string, string>;
  /** On the answering call of a budget downgrade: the model the plan preferred. */
  downgradedFrom?: string;
}

export interface LedgerWriter {
  /** Resolves once the entry is stored, or once storing it has failed and it waits for the next try. */
  record(entry: LedgerEntry): Promise<void>;
}
