import type { LedgerEntry } from '../../src/llm/ledger';

/** One call's ledger row as the router writes it, charged on a lease. */
export const ledgerRow = (leaseId: string | undefined, costMicros: number, at = Date.now()): LedgerEntry => ({
  callId: crypto.randomUUID(),
  requestId: 'req',
  kind: 'call',
  at,
  provider: 'moonshot',
  model: 'moonshot/kimi-k2.5',
  tokensIn: 1,
  tokensOut: 1,
  costMicros,
  latencyMs: 1,
  status: 'ok',
  cacheHit: false,
  scopes: {},
  leaseId,
});
