import type { CallScopes } from '../budget/scopes';

/** One LLM call as the spend ledger records it; `requestId` makes a retried write a no-op. */
export interface LedgerEntry {
  requestId: string;
  at: number;
  provider: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
  costMicros: number;
  latencyMs: number;
  status: 'ok' | 'error' | 'cached' | 'refused';
  cacheHit: boolean;
  scopes: CallScopes;
}

export interface LedgerWriter {
  record(entry: LedgerEntry): void;
}
