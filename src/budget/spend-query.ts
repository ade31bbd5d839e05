import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { spendLedger } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';

export const spendGroups = ['day', 'model', 'provider', 'agent', 'client', 'user', 'status'] as const;
export type SpendGroup = (typeof spendGroups)[number];

const groupColumn = {
  day: sql<string>`to_char(date_trunc('day', ${spendLedger.at} at time zone 'UTC'), 'YYYY-MM-DD')`,
  model: sql<string>`${spendLedger.model}`,
  provider: sql<string>`${spendLedger.provider}`,
  agent: sql<string>`coalesce(${spendLedger.scopeAgent}, '')`,
  client: sql<string>`coalesce(${spendLedger.scopeClient}, '')`,
  user: sql<string>`coalesce(${spendLedger.endUser}, '')`,
  status: sql<string>`${spendLedger.status}::text`,
} as const;

export interface SpendRow {
  key: string;
  calls: number;
  tokensIn: number;
  tokensOut: number;
  costMicros: number;
  cacheHits: number;
}

/** Narrows the history to the calls made for one end user (the caller's `user`). */
export interface SpendFilter {
  user?: string;
}

/** Spend history from the Postgres ledger between two instants, grouped one way. */
export async function spendBetween(
  db: PostgresDatabase,
  from: Date,
  to: Date,
  groupBy: SpendGroup,
  filter: SpendFilter = {},
): Promise<SpendRow[]> {
  const key = groupColumn[groupBy];
  const rows = await db
    .select({
      key,
      calls: sql<string>`count(*)`,
      tokensIn: sql<string>`coalesce(sum(${spendLedger.tokensIn}), 0)`,
      tokensOut: sql<string>`coalesce(sum(${spendLedger.tokensOut}), 0)`,
      costMicros: sql<string>`coalesce(sum(${spendLedger.costMicros}), 0)`,
      cacheHits: sql<string>`count(*) filter (where ${spendLedger.cacheHit})`,
    })
    .from(spendLedger)
    .where(
      and(
        gte(spendLedger.at, from),
        lt(spendLedger.at, to),
        filter.user === undefined ? undefined : eq(spendLedger.endUser, filter.user),
      ),
    )
    .groupBy(key)
    .orderBy(key);
  // Postgres sums bigint into numeric, which the driver hands back as text.
  return rows.map((row) => ({
    key: row.key,
    calls: Number(row.calls),
    tokensIn: Number(row.tokensIn),
    tokensOut: Number(row.tokensOut),
    costMicros: Number(row.costMicros),
    cacheHits: Number(row.cacheHits),
  }));
}
