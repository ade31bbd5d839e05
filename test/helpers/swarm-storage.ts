import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { JobFlight } from '../../durable-objects/swarm-flight';
import { SwarmStore } from '../../durable-objects/swarm-store';
import { swarmRuns } from '../../src/db/pg-schema';
import { openPostgres, type PostgresDatabase } from '../../src/db/postgres';
import { parseTask } from '../../src/reactor/parse-task';
import { indexRun } from '../../src/reactor/run-index';
import { ledgerRow } from './ledger-row';

/** Echoes each item back as JSON: one model call per job against the fake upstream. */
export const echoTask = (name: string) => `name: ${name}
description: Echo each item back as JSON, for swarm tests.
agent: numbers
model_class: research
inputs:
  items: { type: list, items: { type: string }, max: 100 }
prompts:
  system: Return the item.
steps:
  - name: echo
    prompt: "Item {{item}}"
    max_tokens: 64
output:
  schema: { type: object, fields: { value: { type: string } } }
  example: { value: ok }
fanout: { over: items, max: 100 }
reduce: { kind: concat }
budget: { max_run_usd: 5 }
max_in_flight: 10
`;

export async function withPostgres<T>(work: (db: PostgresDatabase) => Promise<T>): Promise<T> {
  const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
  try {
    return await work(postgres.db);
  } finally {
    await postgres.close();
  }
}

export interface Crash {
  items: string[];
  /** Jobs 0..sent-1 were handed to the queue; their messages died with the process. */
  sent: number;
  /** When those jobs are due to be heard from (in the past: overdue). */
  dueAt: number;
  /** How many times each of them had been sent already, by job; 1 when not given. */
  sends?: Record<number, number>;
}

/**
 * A run as a killed process leaves it: indexed in Postgres as running, some jobs marked sent whose
 * queue messages are gone, the rest pending, and the run's alarm set. Returns the run's id.
 */
export async function crashedRun(crash: Crash): Promise<string> {
  const runId = crypto.randomUUID();
  const task = parseTask('echo.yaml', echoTask('swarm_echo'));
  await withPostgres((db) =>
    indexRun(db, { id: runId, task: task.name, taskVersion: 1, total: crash.items.length, requestedBy: 'test' }),
  );
  await runInDurableObject(env.SWARM_RUNS.getByName(runId), async (_instance, state) => {
    const spec = { task, taskVersion: 1, inputs: { items: crash.items }, requestedBy: 'test' };
    const row = { run_id: runId, task: task.name, spec, status: 'running' as const };
    new SwarmStore(state.storage.sql).createRun(
      { ...row, total: crash.items.length, max_in_flight: task.max_in_flight, created_at: Date.now() },
      crash.items,
    );
    new JobFlight(state.storage.sql).take(crash.sent, crash.dueAt);
    for (const [job, sends] of Object.entries(crash.sends ?? {}))
      state.storage.sql.exec('update jobs set sends = ? where job = ?', sends, Number(job));
    // Far enough off not to fire by itself: the test runs it.
    await state.storage.setAlarm(Date.now() + 3_600_000);
  });
  return runId;
}

export interface IndexRow {
  status: string;
  done: number;
  failed: number;
  costMicros: number;
}

export async function indexRow(runId: string): Promise<IndexRow | undefined> {
  return withPostgres(async (db) => {
    const [row] = await db
      .select({
        status: swarmRuns.status,
        done: swarmRuns.done,
        failed: swarmRuns.failed,
        costMicros: swarmRuns.costMicros,
      })
      .from(swarmRuns)
      .where(eq(swarmRuns.id, runId));
    return row;
  });
}

/** Polls the run's Postgres index row until it carries `want`, and returns the last row read. */
export async function waitForIndex(runId: string, want: IndexRow): Promise<IndexRow | undefined> {
  const same = (row: IndexRow | undefined) =>
    row?.status === want.status &&
    row.done === want.done &&
    row.failed === want.failed &&
    row.costMicros === want.costMicros;
  let row = await indexRow(runId);
  for (let tries = 0; tries < 200 && !same(row); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    row = await indexRow(runId);
  }
  return row;
}

/** The run's spend in the Postgres ledger, once its entries have landed (they travel by queue). */
export async function ledgerCost(runId: string, expected: number): Promise<number> {
  const read = async () => {
    const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
    try {
      const result = await postgres.pool.query(
        "select coalesce(sum(cost_micros), 0)::bigint as cost from spend_ledger where scope_run = $1 and status = 'ok'",
        [runId],
      );
      return Number((result.rows[0] as { cost: string }).cost);
    } finally {
      await postgres.close();
    }
  };
  let cost = await read();
  for (let tries = 0; tries < 100 && cost !== expected; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    cost = await read();
  }
  return cost;
}

/** Charges the run's budget scope as a paid attempt does: one ledger row in the budget ledger. */
export async function chargeRun(runId: string, costMicros: number): Promise<void> {
  await env.BUDGET.getByName('global').record([{ ...ledgerRow(undefined, costMicros), scopes: { run: runId } }]);
}

/** What the budget ledger charged the run's scope. */
export const runLedgerMicros = (runId: string) =>
  env.BUDGET.getByName('global').scopeSpentMicros({ kind: 'run', id: runId });
