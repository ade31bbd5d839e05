import type { JobReport, RunProgress, RunStatus } from '../src/reactor/swarm-types';
import type { TaskDefinition } from '../src/reactor/task-schema';
import type { SchemaMigration } from './schema-migrations';

/** The run's schema steps, oldest first (see schema-migrations.ts). */
export const swarmMigrations: readonly SchemaMigration[] = [
  (sql) =>
    sql.exec(`
  create table if not exists run (
    id integer primary key check (id = 1), run_id text not null, task text not null, spec text not null,
    status text not null, total integer not null, max_in_flight integer not null,
    cost_micros integer not null default 0, result text, error text,
    created_at integer not null, ended_at integer);
  create table if not exists jobs (
    job integer primary key, item text not null,
    status text not null check (status in ('pending', 'sent', 'done', 'failed', 'cancelled')),
    result text, last_error text);
  create index if not exists jobs_status on jobs (status);
  create table if not exists executions (execution text primary key, job integer not null, cost_micros integer not null);`),
  // The run keeps its own record of what is in flight, since queue messages can be lost: each job's
  // sends and the time it is due to be heard from, the reduce step's tries, and what the Postgres
  // run index was last told. Jobs already sent count one send; their due time is set on first load.
  (sql) =>
    sql.exec(`
  alter table jobs add column sends integer not null default 0;
  alter table jobs add column due_at integer;
  update jobs set sends = 1 where status in ('sent', 'done', 'failed');
  create index jobs_due on jobs (status, due_at);
  alter table run add column finalize_due_at integer;
  alter table run add column finalize_tries integer not null default 0;
  alter table run add column indexed text;
  alter table run add column index_tried_at integer;`),
  // Jobs by status, kept by triggers: every report and send reads the counts, and counting 100,000
  // job rows each time made a run's cost per job grow with its size.
  (sql) =>
    sql.exec(`
  create table job_counts (status text primary key, n integer not null);
  insert into job_counts select status, count(*) from jobs group by status;
  create trigger jobs_counted_insert after insert on jobs begin
    insert into job_counts values (new.status, 1) on conflict (status) do update set n = n + 1;
  end;
  create trigger jobs_counted_delete after delete on jobs begin
    update job_counts set n = n - 1 where status = old.status;
  end;
  create trigger jobs_counted_update after update of status on jobs when old.status <> new.status begin
    update job_counts set n = n - 1 where status = old.status;
    insert into job_counts values (new.status, 1) on conflict (status) do update set n = n + 1;
  end;`),
  // The spec (the run's whole input, its fan-out list included) moves to a row of its own: columns
  // stored after it in the run's row were reached through every page of it, on every read.
  (sql) =>
    sql.exec(`
  create table run_spec (id integer primary key check (id = 1), spec text not null);
  insert into run_spec select 1, spec from run;
  alter table run drop column spec;`),
];

// SQLite in a Durable Object binds at most 100 variables per statement.
const MAX_VARIABLES = 100;
/** `values` in runs that fit one statement beside `others` variables of its own. */
export const chunks = (values: number[], others = 0) => {
  const size = MAX_VARIABLES - others;
  return Array.from({ length: Math.ceil(values.length / size) }, (_, index) =>
    values.slice(index * size, (index + 1) * size),
  );
};
export const placeholders = (values: unknown[]) => values.map(() => '?').join(',');

/** What a run was started with, as stored once at its start. */
export interface StoredSpec {
  task: TaskDefinition;
  taskVersion: number;
  inputs: Record<string, unknown>;
  requestedBy: string;
}

export type RunRow = {
  run_id: string;
  task: string;
  status: RunStatus;
  total: number;
  max_in_flight: number;
  cost_micros: number;
  result: string | null;
  error: string | null;
  created_at: number;
  ended_at: number | null;
  /** When the reduce step, once asked for, is due to have finished; null when not reducing. */
  finalize_due_at: number | null;
  finalize_tries: number;
  /** The figures the Postgres run index was last given (see indexFigures). */
  indexed: string | null;
  index_tried_at: number | null;
};

const ENDED: readonly RunStatus[] = ['done', 'failed', 'cancelled'];

/** A report as the set-wise statements of `apply` read it. */
interface ReportRow {
  execution: string;
  job: number;
  cost: number;
  kind: 'done' | 'failed' | 'retry';
  /** The result as JSON text (done). */
  result?: string;
  /** Null keeps the job's last error (a final failure with nothing new to say). */
  error?: string | null;
  due?: number;
}

function reportRow({ execution, job, costMicros, outcome }: JobReport, dueAt: number): ReportRow {
  const row = { execution, job, cost: costMicros };
  if (outcome.ok) return { ...row, kind: 'done', result: JSON.stringify(outcome.result) };
  if (outcome.final) return { ...row, kind: 'failed', error: outcome.error || null };
  return { ...row, kind: 'retry', error: outcome.error, due: dueAt + (outcome.retryInSeconds ?? 0) * 1000 };
}

/** The run's own tables; methods are synchronous so each RPC is one atomic step. */
export class SwarmStore {
  private parsedSpec: { runId: string; spec: StoredSpec } | undefined;

  constructor(private readonly sql: SqlStorage) {}

  run(): RunRow | undefined {
    return this.sql.exec<RunRow>('select * from run where id = 1').toArray()[0];
  }

  /** The run's spec, parsed once per run id: it never changes once the run exists. */
  spec(): StoredSpec | undefined {
    const row = this.sql.exec<{ run_id: string }>('select run_id from run where id = 1').toArray()[0];
    if (!row) return undefined;
    if (this.parsedSpec?.runId !== row.run_id) {
      const { spec } = this.sql.exec<{ spec: string }>('select spec from run_spec where id = 1').one();
      this.parsedSpec = { runId: row.run_id, spec: JSON.parse(spec) as StoredSpec };
    }
    return this.parsedSpec.spec;
  }

  createRun(
    row: Pick<RunRow, 'run_id' | 'task' | 'status' | 'total' | 'max_in_flight' | 'created_at'> & { spec: StoredSpec },
    items: unknown[],
  ): void {
    this.sql.exec(
      'insert into run (id, run_id, task, status, total, max_in_flight, created_at) values (1, ?, ?, ?, ?, ?, ?)',
      row.run_id,
      row.task,
      row.status,
      row.total,
      row.max_in_flight,
      row.created_at,
    );
    this.sql.exec('insert into run_spec (id, spec) values (1, ?)', JSON.stringify(row.spec));
    for (const [job, item] of items.entries())
      this.sql.exec("insert into jobs (job, item, status) values (?, ?, 'pending')", job, JSON.stringify(item));
  }

  counts(): Record<string, number> {
    const rows = this.sql.exec<{ status: string; n: number }>('select status, n from job_counts').toArray();
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  }

  jobs(jobs: number[]): { job: number; item: string; status: string }[] {
    if (jobs.length > MAX_VARIABLES) return chunks(jobs).flatMap((chunk) => this.jobs(chunk));
    if (jobs.length === 0) return [];
    return this.sql
      .exec<{ job: number; item: string; status: string }>(
        `select job, item, status from jobs where job in (${placeholders(jobs)})`,
        ...jobs,
      )
      .toArray();
  }

  /**
   * Applies reports, each execution once, in five statements however many there are: spend is
   * added per execution, whatever the job's state (the money was spent); only a job still in
   * flight changes state. A try that will be retried is due by `dueAt` plus the retry's delay.
   * Should one batch hold two executions of a job, a success wins over a failure.
   */
  apply(reports: JobReport[], dueAt: number): void {
    if (reports.length === 0) return;
    const rows = JSON.stringify(reports.map((report) => reportRow(report, dueAt)));
    const fresh = this.sql
      .exec<{ cost_micros: number }>(
        `insert into executions (execution, job, cost_micros)
          select value ->> 'execution', value ->> 'job', value ->> 'cost' from json_each(?) where true
          on conflict do nothing returning cost_micros`,
        rows,
      )
      .toArray();
    const spent = fresh.reduce((sum, row) => sum + row.cost_micros, 0);
    if (spent !== 0) this.sql.exec('update run set cost_micros = cost_micros + ? where id = 1', spent);
    // `+jobs.status` keeps SQLite from reaching jobs through the status index, which would read
    // the whole JSON once per job in flight; each report finds its job by primary key instead.
    const reported = (kind: ReportRow['kind']) =>
      `(select value ->> 'job' as job, value ->> 'result' as result, value ->> 'error' as error, value ->> 'due' as due
          from json_each(?) where value ->> 'kind' = '${kind}') as report`;
    this.sql.exec(
      `update jobs set status = 'done', result = report.result, last_error = null, due_at = null
        from ${reported('done')} where jobs.job = report.job and +jobs.status = 'sent'`,
      rows,
    );
    this.sql.exec(
      `update jobs set status = 'failed', last_error = coalesce(report.error, jobs.last_error), due_at = null
        from ${reported('failed')} where jobs.job = report.job and +jobs.status = 'sent'`,
      rows,
    );
    this.sql.exec(
      `update jobs set last_error = report.error, due_at = report.due
        from ${reported('retry')} where jobs.job = report.job and +jobs.status = 'sent'`,
      rows,
    );
  }

  setStatus(status: RunStatus, fields: { result?: string; error?: string } = {}): void {
    const ended = ENDED.includes(status) ? Date.now() : null;
    this.sql.exec(
      `update run set status = ?, result = coalesce(?, result), error = coalesce(?, error),
        ended_at = coalesce(?, ended_at), finalize_due_at = case when ? then null else finalize_due_at end where id = 1`,
      status,
      fields.result ?? null,
      fields.error ?? null,
      ended,
      ended === null ? 0 : 1,
    );
  }

  /** The jobs have all ended: the run waits for its reduce step, due by `dueAt`. */
  startReducing(dueAt: number): void {
    this.sql.exec("update run set status = 'reducing', finalize_due_at = ?, finalize_tries = 1 where id = 1", dueAt);
  }

  /** The reduce step is due by `dueAt`: one more try (1), or one taken back that never reached the queue (-1). */
  finalizeDue(dueAt: number, tries: 1 | -1): void {
    this.sql.exec('update run set finalize_due_at = ?, finalize_tries = finalize_tries + ? where id = 1', dueAt, tries);
  }

  indexTried(at: number): void {
    this.sql.exec('update run set index_tried_at = ? where id = 1', at);
  }

  indexed(figures: string): void {
    this.sql.exec('update run set indexed = ? where id = 1', figures);
  }

  results(): unknown[] {
    return this.sql
      .exec<{ result: string }>("select result from jobs where status = 'done' order by job")
      .toArray()
      .map((row) => JSON.parse(row.result) as unknown);
  }

  failures(limit: number): { job: number; error: string | null }[] {
    return this.sql
      .exec<{ job: number; last_error: string | null }>(
        "select job, last_error from jobs where status = 'failed' order by job limit ?",
        limit,
      )
      .toArray()
      .map((row) => ({ job: row.job, error: row.last_error }));
  }

  progress(): RunProgress | undefined {
    const run = this.run();
    if (!run) return undefined;
    const counts = this.counts();
    return {
      runId: run.run_id,
      task: run.task,
      status: run.status,
      total: run.total,
      queued: counts.pending ?? 0,
      running: counts.sent ?? 0,
      done: counts.done ?? 0,
      failed: counts.failed ?? 0,
      cancelled: counts.cancelled ?? 0,
      costMicros: run.cost_micros,
      maxInFlight: run.max_in_flight,
      createdAt: run.created_at,
      endedAt: run.ended_at,
      error: run.error,
    };
  }
}
