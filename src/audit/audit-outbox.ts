import { asc, count, inArray, lt, min } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { auditOutbox } from '../db/d1-schema';
import type { PostgresDatabase } from '../db/postgres';
import type { AuditEntry } from './entry';
import { writeAuditEntries } from './postgres-audit';

// D1Db binds at most 100 parameters a statement: 3 columns x 30 rows stays under it.
const ROWS_PER_INSERT = 30;
const IDS_PER_DELETE = 90;
const DRAIN_BATCH = 500;
/**
 * The replay leaves younger entries to the queue, which normally writes them within seconds and
 * retries for about a minute; writing them twice would be harmless (by entry id), only wasted.
 */
export const AUDIT_REPLAY_GRACE_MS = 10 * 60_000;

/** Keeps audit entries in D1Db until Postgres has them; an entry kept twice is kept once. */
export async function keepAuditEntries(db: D1Db, entries: AuditEntry[]): Promise<void> {
  const rows = entries.map((entry) => ({ entryId: entry.entryId, entry, storedAt: Date.now() }));
  const statements = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
    statements.push(
      db
        .insert(auditOutbox)
        .values(rows.slice(start, start + ROWS_PER_INSERT))
        .onConflictDoNothing(),
    );
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** Forgets entries Postgres has taken. */
export async function forgetAuditEntries(db: D1Db, entryIds: string[]): Promise<void> {
  const statements = [];
  for (let start = 0; start < entryIds.length; start += IDS_PER_DELETE)
    statements.push(
      db.delete(auditOutbox).where(inArray(auditOutbox.entryId, entryIds.slice(start, start + IDS_PER_DELETE))),
    );
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** Writes entries kept longer than the grace period to the Postgres audit log, then forgets them. */
export async function drainAuditOutbox(
  d1: D1Db,
  postgres: PostgresDatabase,
  { maxBatches = 20, graceMs = AUDIT_REPLAY_GRACE_MS, now = Date.now() } = {},
): Promise<number> {
  let written = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const rows = await d1
      .select()
      .from(auditOutbox)
      .where(lt(auditOutbox.storedAt, now - graceMs))
      .orderBy(asc(auditOutbox.storedAt))
      .limit(DRAIN_BATCH);
    if (rows.length === 0) break;
    await writeAuditEntries(
      postgres,
      rows.map((row) => row.entry as AuditEntry),
    );
    await forgetAuditEntries(
      d1,
      rows.map((row) => row.entryId),
    );
    written += rows.length;
    if (rows.length < DRAIN_BATCH) break;
  }
  return written;
}

/** What waits in D1Db for the Postgres audit log. */
export async function auditOutboxStatus(db: D1Db): Promise<{ pendingEntries: number; oldestPendingAt: number | null }> {
  const [row] = await db.select({ entries: count(), oldest: min(auditOutbox.storedAt) }).from(auditOutbox);
  return { pendingEntries: row?.entries ?? 0, oldestPendingAt: row?.oldest ?? null };
}
