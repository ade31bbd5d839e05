import { sql } from 'drizzle-orm';
import { spendLedger } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';
import type { LedgerEntry } from './ledger';

/** Writes entries in one statement; the request id is the key, so a redelivered batch changes nothing twice. */
export async function writeLedgerEntries(db: PostgresDatabase, entries: LedgerEntry[]): Promise<void> {
  const latest = new Map(entries.map((entry) => [entry.requestId, entry]));
  if (latest.size === 0) return;
  await db
    .insert(spendLedger)
    .values(
      [...latest.values()].map((entry) => ({
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
