import { scopeLabel } from './scopes';
import type { ScopeUsage } from './types';

/** What the budget ledger object reports for reconciliation. */
export interface LedgerView {
  usage: ScopeUsage[];
  /** Cost of rows still in the object, not yet in Postgres, per `windowKey|scope`. */
  pending: { key: string; costMicros: number }[];
}

export interface ReconcileRow {
  scope: string;
  window: 'day' | 'month';
  windowKey: string;
  /** What the budget counts as spent. */
  spentMicros: number;
  /** What the Postgres ledger holds for the scope and window. */
  ledgerMicros: number;
  /** Rows stored with the budget, on their way to Postgres. */
  pendingMicros: number;
  /** spent − ledger − pending: zero when the books balance. */
  driftMicros: number;
}

/**
 * Compares the budget with the ledger per scope and window. Every charge in the budget is made
 * with a stored row, so the difference is zero unless Postgres lost or gained rows, or the
 * window began before this accounting (older versions charged at lease close).
 */
export function reconcile(
  view: LedgerView,
  ledger: { windowKey: string; scope: string; costMicros: number }[],
): ReconcileRow[] {
  const pending = new Map(view.pending.map((row) => [row.key, row.costMicros]));
  const inLedger = new Map(ledger.map((row) => [`${row.windowKey}|${row.scope}`, row.costMicros]));
  const rows: ReconcileRow[] = view.usage.map((usage) => {
    const scope = scopeLabel(usage.scope);
    const key = `${usage.windowKey}|${scope}`;
    const ledgerMicros = inLedger.get(key) ?? 0;
    const pendingMicros = pending.get(key) ?? 0;
    inLedger.delete(key);
    return {
      scope,
      window: usage.window,
      windowKey: usage.windowKey,
      spentMicros: usage.spentMicros,
      ledgerMicros,
      pendingMicros,
      driftMicros: usage.spentMicros - ledgerMicros - pendingMicros,
    };
  });
  // Ledger rows for a scope the budget never charged: drift all the same.
  for (const [key, ledgerMicros] of inLedger) {
    const [windowKey = '', scope = ''] = key.split('|');
    rows.push({
      scope,
      window: windowKey.startsWith('day:') ? 'day' : 'month',
      windowKey,
      spentMicros: 0,
      ledgerMicros,
      pendingMicros: 0,
      driftMicros: -ledgerMicros,
    });
  }
  return rows;
}
