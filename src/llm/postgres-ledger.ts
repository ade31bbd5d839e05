import { sql } from 'drizzle-orm';
import type { PostgresDatabase } from '../db/postgres';
import type { LedgerEntry } from './ledger';

/** About 1.5 MB of JSON a statement: large batches go in several, none too big to send at once. */
const ROWS_PER_STATEMENT = 5_000;

/** A row as `json_to_recordset` reads it below; the keys are the columns' names. */
function toRow(entry: LedgerEntry) {
  return {
    request_id: entry.requestId,
    at_ms: entry.at,
    provider: entry.provider,
    model: entry.model,
    tokens_in: entry.tokensIn,
    tokens_out: entry.tokensOut,
    cost_micros: entry.costMicros,
    latency_ms: entry.latencyMs,
    status: entry.status,
    cache_hit: entry.cacheHit,
    scope_agent: entry.scopes.agent ?? null,
    scope_task: entry.scopes.task ?? null,
    scope_run: entry.scopes.run ?? null,
    scope_client: entry.scopes.client ?? null,
  };
}

/**
 * Writes entries in statements of up to 5,000 rows; the request id is the key, so a redelivered
 * batch changes nothing twice. The rows travel as one JSON parameter: the consumer shares its
 * isolate with requests, and building thousands of bound parameters cost it milliseconds of CPU
 * per batch where `JSON.stringify` takes a fraction of one.
 */
export async function writeLedgerEntries(db: PostgresDatabase, entries: LedgerEntry[]): Promise<void> {
  const latest = [...new Map(entries.map((entry) => [entry.requestId, entry])).values()];
  for (let start = 0; start < latest.length; start += ROWS_PER_STATEMENT) {
    await writeRows(db, latest.slice(start, start + ROWS_PER_STATEMENT));
  }
}

async function writeRows(db: PostgresDatabase, entries: LedgerEntry[]): Promise<void> {
  const rows = JSON.stringify(entries.map(toRow));
  await db.execute(sql`
    INSERT INTO spend_ledger (request_id, at, provider, model, tokens_in, tokens_out, cost_micros, latency_ms,
      status, cache_hit, scope_agent, scope_task, scope_run, scope_client)
    SELECT request_id, to_timestamp(at_ms / 1000.0), provider, model, tokens_in, tokens_out, cost_micros,
      latency_ms, status::call_status, cache_hit, scope_agent, scope_task, scope_run, scope_client
    FROM json_to_recordset(${rows}::json) AS r(request_id text, at_ms bigint, provider text, model text,
      tokens_in integer, tokens_out integer, cost_micros bigint, latency_ms integer, status text,
      cache_hit boolean, scope_agent text, scope_task text, scope_run text, scope_client text)
    ON CONFLICT (request_id) DO UPDATE SET
      provider = excluded.provider, model = excluded.model, tokens_in = excluded.tokens_in,
      tokens_out = excluded.tokens_out, cost_micros = excluded.cost_micros, latency_ms = excluded.latency_ms,
      status = excluded.status, cache_hit = excluded.cache_hit`);
}
