import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { migrateSchema, schemaVersion } from '../../durable-objects/schema-migrations';
import { JobFlight } from '../../durable-objects/swarm-flight';
import { indexFigures } from '../../durable-objects/swarm-index';
import { SwarmStore, swarmMigrations } from '../../durable-objects/swarm-store';

/** Storage as SwarmRun wrote it at schema version 1: a running run, one job done, one on the queue, one pending. */
function writeVersionOneRun(sql: SqlStorage, runId: string): void {
  for (const table of ['schema_version', 'run', 'run_spec', 'jobs', 'executions', 'job_counts'])
    sql.exec(`drop table if exists ${table}`);
  swarmMigrations[0]?.(sql);
  sql.exec(`create table schema_version (id integer primary key check (id = 1), version integer not null, migrated_at integer not null);
    insert into schema_version values (1, 1, 0);`);
  sql.exec(
    "insert into run (id, run_id, task, spec, status, total, max_in_flight, cost_micros, created_at) values (1, ?, 'swarm_echo', '{}', 'running', 3, 1, 120, 1)",
    runId,
  );
  sql.exec(`insert into jobs values (0, '"a"', 'done', '{"value":"a"}', null);
    insert into jobs values (1, '"b"', 'sent', null, 'upstream 503');
    insert into jobs values (2, '"c"', 'pending', null, null);
    insert into executions values ('e-0', 0, 120);`);
}

/** Jobs by status, as a query of `status` and `n` rows gives them. */
const byStatus = (sql: SqlStorage, query: string) =>
  Object.fromEntries(
    sql
      .exec<{ status: string; n: number }>(query)
      .toArray()
      .map((row) => [row.status, row.n]),
  );
const counted = (sql: SqlStorage) => byStatus(sql, 'select status, n from job_counts where n > 0');
const scanned = (sql: SqlStorage) => byStatus(sql, 'select status, count(*) as n from jobs group by status');

const jobs = (sql: SqlStorage) =>
  sql.exec('select job, status, sends, due_at, last_error from jobs order by job').toArray();

describe('happy', () => {
  it('upgrades a run stored at version 1, keeping its data, and times what it has in flight', async () => {
    const runId = crypto.randomUUID();
    const stub = env.SWARM_RUNS.getByName(runId);
    await runInDurableObject(stub, async (_instance, state) => {
      writeVersionOneRun(state.storage.sql, runId);
      await state.storage.deleteAlarm();
      expect(schemaVersion(state.storage.sql)).toBe(1);
      expect(migrateSchema(state.storage, 'SwarmRun', swarmMigrations)).toBe(swarmMigrations.length);
      expect(jobs(state.storage.sql)).toEqual([
        { job: 0, status: 'done', sends: 1, due_at: null, last_error: null },
        { job: 1, status: 'sent', sends: 1, due_at: null, last_error: 'upstream 503' },
        { job: 2, status: 'pending', sends: 0, due_at: null, last_error: null },
      ]);
      expect(new SwarmStore(state.storage.sql).progress()).toMatchObject({
        runId,
        status: 'running',
        done: 1,
        running: 1,
        queued: 1,
        costMicros: 120,
      });
      const store = new SwarmStore(state.storage.sql);
      expect(store.run()).toMatchObject({ finalize_tries: 0, indexed: null });
      // The spec left the run's row for one of its own.
      expect(store.run()).not.toHaveProperty('spec');
      expect(state.storage.sql.exec('select spec from run_spec').toArray()).toEqual([{ spec: '{}' }]);
      // The run index already has these figures: only the job in flight is waited on.
      const progress = store.progress();
      if (progress) store.indexed(indexFigures(progress));
    });

    // The object restarts over the upgraded storage: the job in flight gets a due time and the
    // alarm is set, so the run is looked after although no alarm was left from before.
    await expect(runInDurableObject(stub, (_instance, state) => state.abort('restart'))).rejects.toThrow('restart');
    const before = Date.now();
    const restarted = env.SWARM_RUNS.getByName(runId);
    await restarted.ping();
    await runInDurableObject(restarted, async (_instance, state) => {
      const [, sent] = jobs(state.storage.sql);
      expect(sent?.due_at).toBeGreaterThanOrEqual(before);
      expect(await state.storage.getAlarm()).toBe(sent?.due_at);
      expect(schemaVersion(state.storage.sql)).toBe(swarmMigrations.length);
    });
  });
});

describe('job counts', () => {
  it('stay equal to a count of the jobs through sends, reports, re-sends and cancels; reports apply once', async () => {
    const runId = crypto.randomUUID();
    await runInDurableObject(env.SWARM_RUNS.getByName(runId), async (_instance, state) => {
      const { sql } = state.storage;
      const store = new SwarmStore(sql);
      const flight = new JobFlight(sql);
      const task = { name: 'swarm_echo' } as never;
      store.createRun(
        {
          run_id: runId,
          task: 'swarm_echo',
          spec: { task, taskVersion: 1, inputs: {}, requestedBy: 'test' },
          status: 'running',
          total: 6,
          max_in_flight: 6,
          created_at: 1,
        },
        ['a', 'b', 'c', 'd', 'e', 'f'],
      );
      expect(counted(sql)).toEqual({ pending: 6 });
      flight.take(4, 1_000);
      store.apply(
        [
          { job: 0, execution: 'x0', costMicros: 5, outcome: { ok: true, result: {} } },
          { job: 1, execution: 'x1', costMicros: 0, outcome: { ok: false, error: 'no', final: true } },
          {
            job: 2,
            execution: 'x2',
            costMicros: 7,
            outcome: { ok: false, error: 'later', final: false, retryInSeconds: 3 },
          },
          // The same execution reported twice in one batch is charged once.
          {
            job: 2,
            execution: 'x2',
            costMicros: 7,
            outcome: { ok: false, error: 'later', final: false, retryInSeconds: 3 },
          },
        ],
        2_000,
      );
      // A report repeated for a job that has ended changes nothing but adds its spend.
      store.apply(
        [{ job: 0, execution: 'x0b', costMicros: 1, outcome: { ok: false, error: 'late', final: true } }],
        2_000,
      );
      expect(
        sql.exec('select job, status, result, last_error, due_at from jobs where job < 3 order by job').toArray(),
      ).toEqual([
        { job: 0, status: 'done', result: '{}', last_error: null, due_at: null },
        { job: 1, status: 'failed', result: null, last_error: 'no', due_at: null },
        { job: 2, status: 'sent', result: null, last_error: 'later', due_at: 5_000 },
      ]);
      expect(store.run()?.cost_micros).toBe(13);
      flight.unsend([3]);
      flight.overdue(5_000, 1, 6_000, 'lost');
      expect(counted(sql)).toEqual(scanned(sql));
      expect(counted(sql)).toEqual({ done: 1, failed: 2, pending: 3 });
      flight.cancelOpen();
      expect(counted(sql)).toEqual({ done: 1, failed: 2, cancelled: 3 });
      sql.exec('delete from jobs where job > 3');
      expect(counted(sql)).toEqual(scanned(sql));
      expect(store.progress()).toMatchObject({ done: 1, failed: 2, cancelled: 1, queued: 0, running: 0 });
    });
  });
});
