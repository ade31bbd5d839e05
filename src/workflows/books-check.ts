import type { ReconcileRow } from '../budget/reconcile';
import { pause } from '../lib/pause';
import type { BooksReading } from './health-port';
import type { WorkflowStep } from './types';

export interface BooksFindings {
  drift: ReconcileRow[];
  /** Rows waiting for Postgres longer than the grace period, with the oldest's time. */
  stalePending: { rows: number; since: string } | null;
}

/** Rows waiting longer than this mean Postgres has not taken writes for a while. */
const PENDING_GRACE_MS = 15 * 60_000;

const drifting = (reading: BooksReading) => reading.rows.filter((row) => row.driftMicros !== 0);

/** The books step of the health check: drift that stays past its grace, and rows stuck on their way. */
export const booksStep: WorkflowStep = {
  name: 'books',
  async run(context) {
    const first = await context.health.books();
    if (!first) return { output: { drift: [], stalePending: null }, note: 'no spend ledger' };
    let reading = first;
    if (drifting(first).length > 0) {
      // A row leaves the budget object only after Postgres has it, so for a moment it can be
      // counted in both; a second reading tells such a moment from drift that stays.
      await pause(context.health.thresholds.driftGraceMs);
      reading = (await context.health.books()) ?? first;
    }
    const persistent = new Set(drifting(first).map((row) => `${row.windowKey}|${row.scope}`));
    const drift = drifting(reading).filter((row) => persistent.has(`${row.windowKey}|${row.scope}`));
    const old = reading.oldestPendingAt !== null && Date.now() - reading.oldestPendingAt > PENDING_GRACE_MS;
    const findings: BooksFindings = {
      drift,
      stalePending:
        old && reading.oldestPendingAt !== null
          ? { rows: reading.pendingRows, since: new Date(reading.oldestPendingAt).toISOString() }
          : null,
    };
    if (drift.length > 0) context.log.warn('budget and ledger drift', { drift });
    return { output: findings, note: drift.length > 0 ? `${drift.length} drifting` : 'balanced' };
  },
};

/** Lines for the owner's report; none when the books balance and nothing is stuck. */
export function booksLines(findings: BooksFindings | undefined): string[] {
  if (!findings) return [];
  const lines: string[] = [];
  if (findings.drift.length > 0) {
    lines.push('Budget and spend ledger disagree (GET /api/budget/reconcile):');
    for (const row of findings.drift.slice(0, 10))
      lines.push(
        `- ${row.scope} ${row.windowKey}: budget ${row.spentMicros} µ$, ledger ${row.ledgerMicros + row.pendingMicros} µ$`,
      );
  }
  if (findings.stalePending)
    lines.push(
      `- ${findings.stalePending.rows} ledger rows wait for Postgres since ${findings.stalePending.since} (kept, not lost)`,
    );
  return lines;
}
