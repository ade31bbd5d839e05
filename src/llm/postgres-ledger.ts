import { sql } from 'drizzle-orm';
import type { PostgresDatabase } from '../db/postgres';
import type { LedgerEntry } from './ledger';

/** About 1.5 MB of JSON a statement: large batches go in several, none too big to send at once. */
const ROWS_PER_STATEMENT = 2_000;

/** A ledger row on its way to Postgres: the entry and the budget windows it was charged to. */
export interface ForwardedRow extends LedgerEntry {
  budgetDay: string | null;
  budgetMonth: string | null;
}

/** A row as `json_to_recordset` reads it below; the keys are the columns' names. */
function toRow(row: ForwardedRow) {
  return {
    call_id: row.callId,
    request_id: row.requestId,
    kind: row.kind,
    at_ms: row.at,
    provider: row.provider,
    model: row.model,
    tokens_in: row.tokensIn,
    tokens_out: row.tokensOut,
    cost_micros: row.costMicros,
    latency_ms: row.latencyMs,
    status: row.status,
    cache_hit: row.cacheHit,
    scope_agent: row.scopes.agent ?? null,
    scope_task: row.scopes.task ?? null,
    scope_run: row.scopes.run ?? null,
    scope_client: row.scopes.client ?? null,
    lease_id: row.leaseId ?? null,
    budget_day: row.budgetDay,
    budget_month: row.budgetMonth,
    end_user: row.user ?? null,
    metadata: row.metadata ?? null,
    downgraded_from: row.downgradedFrom ?? null,
  };
}

/**
 * Writes rows in statements of up to 2,000; the call id is the key and a row once written is
 * final, so a replayed batch changes nothing. The rows travel as one JSON parameter: building
 * thousands of bound parameters costs milliseconds of CPU where `JSON.stringify` takes a fraction.
 */
export async function writeLedgerRows(db: PostgresDatabase, rows: ForwardedRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const json = JSON.stringify(rows.slice(start, start + ROWS_PER_STATEMENT).map(toRow));
    await db.execute(sql`
      INSERT INTO spend_ledger (call_id, request_id, kind, at, provider, model, tokens_in, tokens_out, cost_micros,
        latency_ms, status, cache_hit, scope_agent, scope_task, scope_run, scope_client, lease_id, budget_day,
        budget_month, end_user, metadata, downgraded_from)
      SELECT call_id, request_id, kind, to_timestamp(at_ms / 1000.0), provider, model, tokens_in, tokens_out,
        cost_micros, latency_ms, status::call_status, cache_hit, scope_agent, scope_task, scope_run, scope_client,
        lease_id, budget_day, budget_month, end_user, metadata, downgraded_from
      FROM json_to_recordset(${json}::json) AS r(call_id text, request_id text, kind text, at_ms bigint,
        provider text, model text, tokens_in integer, tokens_out integer, cost_micros bigint, latency_ms integer,
        status text, cache_hit boolean, scope_agent text, scope_task text, scope_run text, scope_client text,
        lease_id text, budget_day text, budget_month text, end_user text, metadata jsonb, downgraded_from text)
      ON CONFLICT (call_id) DO NOTHING`);
  }
}

/** Ledger cost per budget scope label and window key, for the windows given: detail rows and folded days alike. */
export async function ledgerCostByScope(
  db: PostgresDatabase,
  dayKey: string,
  monthKey: string,
): Promise<{ windowKey: string; scope: string; costMicros: number }[]> {
  const result = await db.execute<{ window_key: string; scope: string; cost: string }>(sql`
    SELECT w.key AS window_key, s.label AS scope, sum(l.cost_micros)::text AS cost
    FROM (
      SELECT budget_day, budget_month, scope_agent, scope_task, scope_run, scope_client, cost_micros FROM spend_ledger
      UNION ALL
      SELECT budget_day, budget_month, scope_agent, scope_task, scope_run, scope_client, cost_micros
      FROM spend_ledger_daily
    ) l
    CROSS JOIN LATERAL (VALUES (l.budget_day), (l.budget_month)) AS w(key)
    CROSS JOIN LATERAL (VALUES ('global:*'), ('agent:' || l.scope_agent), ('task:' || l.scope_task),
      ('run:' || l.scope_run), ('client:' || l.scope_client)) AS s(label)
    WHERE (l.budget_day = ${dayKey} OR l.budget_month = ${monthKey})
      AND w.key IN (${dayKey}, ${monthKey}) AND s.label IS NOT NULL
    GROUP BY 1, 2`);
  return result.rows.map((row) => ({ windowKey: row.window_key, scope: row.scope, costMicros: Number(row.cost) }));
}
