import type { PostgresDatabase } from '../db/postgres';
import { ledgerCostByScope } from '../llm/postgres-ledger';
import { type LedgerView, type ReconcileRow, reconcile } from './reconcile';
import { windowKey } from './windows';

/** What waits in the budget ledger object for Postgres, and how forwarding goes. */
export interface LedgerStatus {
  pendingRows: number;
  pendingCostMicros: number;
  oldestPendingAt: number | null;
  forwardFailures: number;
  lastForwardError: string | null;
  lastForwardedAt: number | null;
}

/** The budget ledger object as reconciliation reads it. */
export interface BooksSource {
  reconcileView(at: number): Promise<LedgerView>;
  ledgerStatus(): Promise<LedgerStatus>;
}

export interface Books {
  at: number;
  rows: ReconcileRow[];
  status: LedgerStatus;
}

/** Budget against the Postgres ledger for today and this month, per scope. */
export async function readBooks(source: BooksSource, db: PostgresDatabase, at = Date.now()): Promise<Books> {
  const [view, status] = await Promise.all([source.reconcileView(at), source.ledgerStatus()]);
  const inPostgres = await ledgerCostByScope(db, windowKey('day', at), windowKey('month', at));
  return { at, rows: reconcile(view, inPostgres), status };
}
