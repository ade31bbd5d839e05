import { sql } from 'drizzle-orm';
import { spendLedger } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';
import type { LedgerEntry } from './ledger';

/** 14 parameters a row: 1,000 rows stay far under PostgreSQL's 65,535 parameters a statement. */
const ROWS_PER_STATEMENT = 1_000;

/**
 * Writes entries in statements of up to 1,000 rows; the request id is the key, so a redelivered
 * batch changes nothing twice.
 */
export async function writeLedgerEntries(db: PostgresDatabase, entries: LedgerEntry[]): Promise<void> {
  const latest = [...new Map(entries.map((entry) => [entry.requestId, entry])).values()];
  for (let start = 0; start < latest.length; start += ROWS_PER_STATEMENT) {
    await writeRows(db, latest.slice(start, start + ROWS_PER_STATEMENT));
  }
}

async function writeRows(db: PostgresDatabase, entries: LedgerEntry[]): Promise<void> {
  await db
    .insert(spendLedger)
    .values(
      entries.map((entry) => ({
        requestId: entry.requestId,
        at: new Date(entry.at),
        provider: entry.provider,
        model: entry.model,
        tokensIn: entry.tokensIn,
        tokensOut: entry.tokensOut,
        costMicros: entry.costMicros,
        latencyMs: entry.latencyMs,
        status: entry.status,
        cacheHit: entry.cacheHit,
        scopeAgent: entry.scopes.agent ?? null,
        scopeTask: entry.scopes.task ?? null,
        scopeRun: entry.scopes.run ?? null,
        scopeClient: entry.scopes.client ?? null,
      })),
    )
    .onConflictDoUpdate({
      target: spendLedger.requestId,
      set: {
        provider: sql`excluded.provider`,
        model: sql`excluded.model`,
        tokensIn: sql`excluded.tokens_in`,
        tokensOut: sql`excluded.tokens_out`,
        costMicros: sql`excluded.cost_micros`,
        latencyMs: sql`excluded.latency_ms`,
        status: sql`excluded.status`,
        cacheHit: sql`excluded.cache_hit`,
      },
    });
}
