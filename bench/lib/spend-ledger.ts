// The Postgres spend ledger as a benchmark reads it: what the queue consumer has written for one
// swarm-run scope, so a run tagged with its own `x-empire-run` can be told apart from anything else.
import type { Pool } from 'pg';
import type { BackingServices } from '../../local-stack/backing-services.ts';
import { openPool } from '../../src/db/postgres-pool.ts';

export interface RunSpend {
  /** Rows with status 'ok', and their cost_micros added up. */
  okCalls: number;
  okCostMicros: number;
  /** Rows of any status. */
  rows: number;
}

async function readRunSpend(pool: Pool, run: string): Promise<RunSpend> {
  const result = await pool.query<{ ok_calls: string; ok_cost: string; rows: string }>(
    `select count(*) filter (where status = 'ok') as ok_calls,
            coalesce(sum(cost_micros) filter (where status = 'ok'), 0) as ok_cost,
            count(*) as rows
       from spend_ledger where scope_run = $1`,
    [run],
  );
  const row = result.rows[0];
  return { okCalls: Number(row?.ok_calls ?? 0), okCostMicros: Number(row?.ok_cost ?? 0), rows: Number(row?.rows ?? 0) };
}

/**
 * Polls until `expectedRows` rows of the run are in (the consumer writes them a batch timeout after
 * the calls) or `maxSeconds` pass; returns the last reading and how long it took.
 */
export async function waitForRunSpend(
  services: BackingServices,
  run: string,
  expectedRows: number,
  maxSeconds = 15,
): Promise<{ spend: RunSpend; waitedMs: number }> {
  const { pool, close } = openPool({ url: services.databaseUrl, wsProxy: services.neonWsProxy, max: 1 });
  const started = Date.now();
  try {
    for (;;) {
      const spend = await readRunSpend(pool, run);
      const waitedMs = Date.now() - started;
      if (spend.rows >= expectedRows || waitedMs >= maxSeconds * 1000) return { spend, waitedMs };
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await close();
  }
}
