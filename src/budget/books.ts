import type { PostgresDatabase } from '../db/postgres';
import { ledgerCostByScope } from '../llm/postgres-ledger';
import { type LedgerView, type ReconcileRow, reconcile } from './reconcile';
import { windowKey } from './windows';

/** The budget ledger object as reconciliation reads it. */
export interface BooksSource {
  reconcileView(at: number): Promise<LedgerView>;
  ledgerStatus(): Promise<{
    pendingRows: number;
    pendingCostMicros: number;
    oldestPendingAt: number | null;
    forwardFailures: number;
    lastForwardError: string | null;
  }>;
}

export interface Books {
  at: number;
  rows: ReconcileRow[];
  status: Awaited<ReturnType<BooksSource['ledgerStatus']>>;
}

/** Budget against the Postgres ledger for today and this month, per scope. */
export async function readBooks(source: BooksSource, db: PostgresDatabase, at = Date.now()): Promise<Books> {
  const [view, status] = await Promise.all([source.reconcileView(at), source.ledgerStatus()]);
  const inPostgres = await ledgerCostByScope(db, windowKey('day', at), windowKey('month', at));
  return { at, rows: reconcile(view, inPostgres), status };
}
