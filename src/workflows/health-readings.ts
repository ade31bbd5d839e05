import { and, count, gte, inArray, sql } from 'drizzle-orm';
import type { BudgetSettings } from '../budget/settings';
import type { BudgetSnapshot } from '../budget/types';
import { spendLedger, swarmRuns } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';

// Runs older than this are not looked at: a swarm run lives minutes to hours.
const RUN_LOOKBACK_MS = 7 * 86_400_000;
// The health check stops at most this many runs per tick.
const RUN_LIMIT = 200;

/** Global LLM spend today from the ledger's snapshot, against the daily cap (the default one when none is set). */
export function globalSpendToday(snapshot: BudgetSnapshot, settings: BudgetSettings) {
  const today = snapshot.usage.find((row) => row.scope.kind === 'global' && row.window === 'day');
  return {
    spentMicros: today?.spentMicros ?? 0,
    capMicros: today?.capMicros ?? settings.defaultDailyCapMicros,
    p1Micros: settings.p1DailyMicros,
  };
}

/** LLM calls (and how many of them failed) in the spend ledger since `since`. */
export async function llmCallsSince(db: PostgresDatabase, since: number): Promise<{ calls: number; errors: number }> {
  const [row] = await db
    .select({ calls: count(), errors: sql<number>`count(*) filter (where ${spendLedger.status} = 'error')` })
    .from(spendLedger)
    .where(gte(spendLedger.at, new Date(since)));
  return { calls: Number(row?.calls ?? 0), errors: Number(row?.errors ?? 0) };
}

/** Recent swarm runs the run index still shows as running; their objects have the last word. */
export async function recentActiveSwarmRunIds(db: PostgresDatabase, now = Date.now()): Promise<string[]> {
  const rows = await db
    .select({ id: swarmRuns.id })
    .from(swarmRuns)
    .where(
      and(
        inArray(swarmRuns.status, ['running', 'reducing']),
        gte(swarmRuns.createdAt, new Date(now - RUN_LOOKBACK_MS)),
      ),
    )
    .limit(RUN_LIMIT);
  return rows.map((row) => row.id);
}
