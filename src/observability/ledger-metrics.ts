import type { LedgerStatus } from '../budget/books';
import type { ReconcileRow } from '../budget/reconcile';
import type { MetricFamily } from './prometheus';

/** What waits in the budget ledger for Postgres, and any drift between budget and ledger. */
export function ledgerFamilies(status: LedgerStatus, drift: ReconcileRow[] | undefined, now: number): MetricFamily[] {
  const families: MetricFamily[] = [
    {
      name: 'empire_ledger_pending_rows',
      help: 'Ledger rows stored with the budget and not yet written to Postgres (global).',
      type: 'gauge',
      samples: [{ labels: {}, value: status.pendingRows }],
    },
    {
      name: 'empire_ledger_pending_micros',
      help: 'Cost of the ledger rows not yet written to Postgres, USD micros (global).',
      type: 'gauge',
      samples: [{ labels: {}, value: status.pendingCostMicros }],
    },
    {
      name: 'empire_ledger_pending_age_seconds',
      help: 'Age of the oldest ledger row not yet written to Postgres; 0 when none waits (global).',
      type: 'gauge',
      samples: [
        { labels: {}, value: status.oldestPendingAt === null ? 0 : Math.max(0, (now - status.oldestPendingAt) / 1000) },
      ],
    },
    {
      name: 'empire_ledger_forward_failures',
      help: 'Failed attempts in a row to write ledger rows to Postgres; 0 once a write succeeds (global).',
      type: 'gauge',
      samples: [{ labels: {}, value: status.forwardFailures }],
    },
  ];
  if (drift)
    families.push({
      name: 'empire_budget_drift_micros',
      help: 'Budget spent minus the spend ledger (written and pending) per scope and window, USD micros (global).',
      type: 'gauge',
      samples: drift.map((row) => ({ labels: { scope: row.scope, window: row.window }, value: row.driftMicros })),
    });
  return families;
}
