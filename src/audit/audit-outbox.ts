import { asc, inArray } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type * as d1Schema from '../db/d1-schema';
import { auditOutbox } from '../db/d1-schema';
import type { PostgresDatabase } from '../db/postgres';
import type { AuditEntry } from './entry';
import { writeAuditEntries } from './postgres-audit';

// D1 binds at most 100 parameters a statement: 3 columns x 30 rows stays under it.
const ROWS_PER_INSERT = 30;
const DRAIN_BATCH = 500;

/** Keeps audit entries in D1 until Postgres takes them; an entry kept twice is kept once. */
export async function keepAuditEntries(db: DrizzleD1Database<typeof d1Schema>, entries: AuditEntry[]): Promise<void> {
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

/** Writes kept entries to the Postgres audit log, then forgets them; returns how many went. */
export async function drainAuditOutbox(
  d1: DrizzleD1Database<typeof d1Schema>,
  postgres: PostgresDatabase,
  maxBatches = 20,
): Promise<number> {
  let written = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const rows = await d1.select().from(auditOutbox).orderBy(asc(auditOutbox.storedAt)).limit(DRAIN_BATCH);
    if (rows.length === 0) break;
    await writeAuditEntries(
      postgres,
      rows.map((row) => row.entry as AuditEntry),
    );
    const ids = rows.map((row) => row.entryId);
    for (let start = 0; start < ids.length; start += 90)
      await d1.delete(auditOutbox).where(inArray(auditOutbox.entryId, ids.slice(start, start + 90)));
    written += rows.length;
    if (rows.length < DRAIN_BATCH) break;
  }
  return written;
}
