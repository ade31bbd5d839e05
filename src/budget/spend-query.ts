import { type SQL, sql } from 'drizzle-orm';
import type { PostgresDatabase } from '../db/postgres';

export const spendGroups = ['day', 'model', 'provider', 'agent', 'client', 'user', 'status'] as const;
export type SpendGroup = (typeof spendGroups)[number];

// The same key from a detail row (`spend_ledger`) and from a folded day (`spend_ledger_daily`).
const groupColumn: Record<SpendGroup, { detail: SQL; daily: SQL }> = {
  day: {
    detail: sql`to_char(date_trunc('day', at at time zone 'UTC'), 'YYYY-MM-DD')`,
    daily: sql`to_char(day, 'YYYY-MM-DD')`,
  },
  model: { detail: sql`model`, daily: sql`model` },
  provider: { detail: sql`provider`, daily: sql`provider` },
  agent: { detail: sql`coalesce(scope_agent, '')`, daily: sql`coalesce(scope_agent, '')` },
  client: { detail: sql`coalesce(scope_client, '')`, daily: sql`coalesce(scope_client, '')` },
  user: { detail: sql`coalesce(end_user, '')`, daily: sql`coalesce(end_user, '')` },
  status: { detail: sql`status::text`, daily: sql`status::text` },
};

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

/**
 * Spend history between two instants, grouped one way: the ledger's detail rows, and the days
 * folded out of it (`ledger-rollup.ts`), each counted when its UTC day begins inside the range.
 */
export async function spendBetween(
  db: PostgresDatabase,
  from: Date,
  to: Date,
  groupBy: SpendGroup,
  filter: SpendFilter = {},
): Promise<SpendRow[]> {
  const key = groupColumn[groupBy];
  const [start, end] = [from.toISOString(), to.toISOString()];
  const forUser = filter.user === undefined ? sql`` : sql` and end_user = ${filter.user}`;
  const result = await db.execute<{
    key: string;
    calls: string;
    tokens_in: string;
    tokens_out: string;
    cost: string;
    hits: string;
  }>(sql`
    select key, sum(calls)::text as calls, sum(tokens_in)::text as tokens_in, sum(tokens_out)::text as tokens_out,
      sum(cost)::text as cost, sum(hits)::text as hits
    from (
      select ${key.detail} as key, count(*) as calls, coalesce(sum(tokens_in), 0) as tokens_in,
        coalesce(sum(tokens_out), 0) as tokens_out, coalesce(sum(cost_micros), 0) as cost,
        count(*) filter (where cache_hit) as hits
      from spend_ledger where at >= ${start}::timestamptz and at < ${end}::timestamptz${forUser}
      group by 1
      union all
      select ${key.daily}, sum(calls), sum(tokens_in), sum(tokens_out), sum(cost_micros), sum(cache_hits)
      from spend_ledger_daily
      where (day::timestamp at time zone 'UTC') >= ${start}::timestamptz
        and (day::timestamp at time zone 'UTC') < ${end}::timestamptz${forUser}
      group by 1
    ) both_tables
    group by key order by key`);
  // Postgres sums bigint into numeric, which the driver hands back as text.
  return result.rows.map((row) => ({
    key: row.key,
    calls: Number(row.calls),
    tokensIn: Number(row.tokens_in),
    tokensOut: Number(row.tokens_out),
    costMicros: Number(row.cost),
    cacheHits: Number(row.hits),
  }));
}
