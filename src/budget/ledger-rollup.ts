import { sql } from 'drizzle-orm';
import type { PostgresDatabase } from '../db/postgres';

const DAY_MS = 86_400_000;
/** Ledger rows folded per statement, and statements per run: short writes that catch up within days. */
const BATCH = 5_000;
const MAX_BATCHES = 10;

/**
 * The dimensions kept: every column a spend report or the reconciliation groups or filters by.
 * `spend_ledger_daily_key` is unique over them, nulls not distinct.
 */
/** A day's row that exists already takes the new counts and sums on top of its own. */
const ADD_TO_DAY = sql.raw(`ON CONFLICT ON CONSTRAINT spend_ledger_daily_key DO UPDATE SET
        calls = spend_ledger_daily.calls + excluded.calls,
        cache_hits = spend_ledger_daily.cache_hits + excluded.cache_hits,
        tokens_in = spend_ledger_daily.tokens_in + excluded.tokens_in,
        tokens_out = spend_ledger_daily.tokens_out + excluded.tokens_out,
        cost_micros = spend_ledger_daily.cost_micros + excluded.cost_micros`);

const KEPT = sql.raw(
  'kind, provider, model, status, scope_agent, scope_task, scope_run, scope_client, budget_day, budget_month, end_user',
);

/**
 * Folds one batch of ledger rows older than `before` into `spend_ledger_daily` and deletes them,
 * in one statement: Postgres runs it as one transaction, so a crash leaves the batch wholly
 * folded or wholly in the detail table, never both or neither. `SKIP LOCKED` lets two folds run
 * at once without taking the same rows.
 */
async function foldBatch(db: PostgresDatabase, before: Date): Promise<number> {
  const result = await db.execute<{ folded: string }>(sql`
    WITH picked AS (
      SELECT id FROM spend_ledger WHERE at < ${before.toISOString()}::timestamptz
      ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
    ), gone AS (
      DELETE FROM spend_ledger l USING picked WHERE l.id = picked.id
      RETURNING l.at, l.kind, l.provider, l.model, l.status, l.scope_agent, l.scope_task, l.scope_run,
        l.scope_client, l.budget_day, l.budget_month, l.end_user, l.cache_hit, l.tokens_in, l.tokens_out, l.cost_micros
    ), folded AS (
      INSERT INTO spend_ledger_daily (day, ${KEPT}, calls, cache_hits, tokens_in, tokens_out, cost_micros)
      SELECT (at AT TIME ZONE 'UTC')::date, ${KEPT}, count(*), count(*) FILTER (WHERE cache_hit),
        sum(tokens_in), sum(tokens_out), sum(cost_micros)
      FROM gone GROUP BY (at AT TIME ZONE 'UTC')::date, ${KEPT}
      ${ADD_TO_DAY}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM gone)::text AS folded`);
  return Number(result.rows[0]?.folded ?? 0);
}

/**
 * Folds ledger detail older than `detailDays` into daily sums, in batches. Running it again
 * finds nothing left to fold; the sums per scope and window, which reconciliation compares, are
 * the same before and after.
 */
export async function foldOldLedgerDetail(db: PostgresDatabase, detailDays: number, now = Date.now()): Promise<number> {
  const before = new Date(now - detailDays * DAY_MS);
  let folded = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const rows = await foldBatch(db, before);
    folded += rows;
    if (rows < BATCH) break;
  }
  return folded;
}

const KEPT_BUT_USER = sql.raw(
  'kind, provider, model, status, scope_agent, scope_task, scope_run, scope_client, budget_day, budget_month',
);

/**
 * Folds an end user's daily sums into the anonymous ones (an erasure): the same totals, no name.
 * Runs inside the caller's transaction.
 */
export async function anonymiseDailySpend(db: Pick<PostgresDatabase, 'execute'>, endUser: string): Promise<number> {
  const result = await db.execute<{ moved: string }>(sql`
    WITH moved AS (
      DELETE FROM spend_ledger_daily WHERE lower(end_user) = ${endUser.trim().toLowerCase()} RETURNING *
    ), merged AS (
      INSERT INTO spend_ledger_daily (day, ${KEPT_BUT_USER}, end_user, calls, cache_hits, tokens_in, tokens_out, cost_micros)
      SELECT day, ${KEPT_BUT_USER}, NULL, sum(calls), sum(cache_hits), sum(tokens_in), sum(tokens_out), sum(cost_micros)
      FROM moved GROUP BY day, ${KEPT_BUT_USER}
      ${ADD_TO_DAY}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM moved)::text AS moved`);
  return Number(result.rows[0]?.moved ?? 0);
}
