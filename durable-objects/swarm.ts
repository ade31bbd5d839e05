import { DurableObject } from 'cloudflare:workers';
import type { ImportOptions, StateDump } from '../src/backup/state-dump';
import { loadConfig } from '../src/config/config';
import type { SwarmSettings } from '../src/config/swarm-settings';
import { createLogger } from '../src/observability/logger';
import { jobInputs } from '../src/reactor/fanout';
import { reduceResults } from '../src/reactor/reduce';
import type {
  JobReport,
  JobSpec,
  RunProgress,
  RunSpec,
  RunStatusView,
  SummaryRequest,
} from '../src/reactor/swarm-types';
import type { TaskDefinition } from '../src/reactor/task-schema';
import { budgetLedger, dashboardEvents } from './clients';
import { type PingAnswer, pingStorage } from './ping';
import { migrateSchema } from './schema-migrations';
import { acceptSocket, broadcast, closeSocket, isUpgrade } from './sockets';
import { dumpTables, loadTables } from './storage-dump';
import { withLedgerCost } from './swarm-cost';
import { JobFlight } from './swarm-flight';
import { SwarmStore, swarmMigrations } from './swarm-store';
import { RunUpkeep } from './swarm-upkeep';
import { viewerOf } from './viewer';

const BACKED_UP_TABLES = ['run', 'run_spec', 'jobs', 'executions'];
// Progress to sockets at most this often: a fast swarm finishes thousands of jobs a second.
const PROGRESS_EVERY_MS = 250;
// The text a summary reducer gives the model is capped, whatever the run's size.
const SUMMARY_INPUT_CHARS = 60_000;

export interface Finalization {
  status: 'done' | 'reducing';
  /** For a summary reducer: what to summarise and how; the caller runs the model and calls complete(). */
  summary?: SummaryRequest;
}

/**
 * One swarm run: its jobs, their results and the run's cost. It hands jobs to the queue no more
 * than `maxInFlight` at a time, takes reports idempotently, and reduces when every job has ended.
 * Every run ends: the object keeps its own record of what is in flight, and its alarm re-sends jobs
 * and the reduce step when their messages are lost, and keeps the Postgres run index up to date.
 */
export class SwarmRun extends DurableObject<Env> {
  private readonly store: SwarmStore;
  private readonly flight: JobFlight;
  private readonly settings: SwarmSettings;
  private readonly upkeep: RunUpkeep;
  private readonly shown: (progress: RunProgress) => Promise<RunProgress>;
  private lastProgress = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrateSchema(ctx.storage, 'SwarmRun', swarmMigrations);
    this.store = new SwarmStore(ctx.storage.sql);
    this.flight = new JobFlight(ctx.storage.sql);
    const config = loadConfig(env);
    this.settings = config.swarm;
    const log = createLogger({ object: 'SwarmRun' });
    this.shown = (progress) => withLedgerCost(progress, budgetLedger(env), log);
    this.upkeep = new RunUpkeep({
      storage: ctx.storage,
      queue: env.JOBS,
      store: this.store,
      flight: this.flight,
      settings: config.swarm,
      postgres: config.postgres,
      log,
      background: (work) => ctx.waitUntil(work),
      shown: this.shown,
    });
    // Storage written before due times were kept, or an alarm gone missing: what is in flight gets
    // a due time and the alarm is set before the object serves anything.
    void ctx.blockConcurrencyWhile(async () => {
      this.flight.timeUntimed(Date.now() + this.settings.jobDeadlineMs);
      await this.upkeep.arm();
    });
  }

  ping(): PingAnswer {
    return pingStorage(this.ctx.storage, 'SwarmRun');
  }

  /** The run, its jobs and the executions already charged. */
  async exportState(): Promise<StateDump> {
    return dumpTables(this.ctx.storage, BACKED_UP_TABLES);
  }

  /** A resumed run carries on from its rows: what was in flight is sent again when due. */
  async importState(dump: StateDump, options: ImportOptions): Promise<{ rows: number }> {
    const result = loadTables(this.ctx.storage, 'SwarmRun', BACKED_UP_TABLES, dump);
    if (options.resume) await this.upkeep.arm();
    return result;
  }

  /** Back to what a new object holds: empty tables at the current schema version. */
  async eraseState(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    migrateSchema(this.ctx.storage, 'SwarmRun', swarmMigrations);
  }

  async create(spec: RunSpec): Promise<RunProgress> {
    if (!this.store.run()) {
      this.ctx.storage.transactionSync(() =>
        this.store.createRun(
          {
            run_id: spec.runId,
            task: spec.task.name,
            spec: {
              task: spec.task,
              taskVersion: spec.taskVersion,
              inputs: spec.inputs,
              requestedBy: spec.requestedBy,
            },
            status: 'running',
            total: spec.items.length,
            max_in_flight: spec.maxInFlight,
            created_at: Date.now(),
          },
          spec.items,
        ),
      );
    }
    await this.upkeep.dispatch();
    await this.upkeep.arm();
    return this.progressOrThrow();
  }

  /**
   * Job specs for the jobs still to run; ended or cancelled ones are left out, so redeliveries do
   * nothing. A delivered job is being worked on, so its time to report starts again.
   */
  claim(
    jobs: number[],
  ): { runId: string; task: TaskDefinition; inputs: Record<string, unknown>; jobs: JobSpec[] } | null {
    const run = this.store.run();
    const spec = this.store.spec();
    if (run?.status !== 'running' || !spec) return null;
    const open = this.store.jobs(jobs).filter((job) => job.status === 'sent');
    this.flight.touch(
      open.map((job) => job.job),
      Date.now() + this.settings.jobDeadlineMs,
    );
    return {
      runId: run.run_id,
      task: spec.task,
      inputs: jobInputs(spec.task, spec.inputs),
      jobs: open.map((job) => ({ job: job.job, item: JSON.parse(job.item) as unknown })),
    };
  }

  /**
   * Applies reports and hands out more jobs; once every job has ended it asks for the reduce step.
   * A report after the run ended still adds its spend (the money was spent) and changes nothing else.
   */
  async report(reports: JobReport[]): Promise<{ finished: boolean }> {
    const now = Date.now();
    const finished = this.ctx.storage.transactionSync(() => {
      this.store.apply(reports, now + this.settings.jobDeadlineMs);
      return this.upkeep.endJobsIfDone(now);
    });
    if (finished) await this.upkeep.askFinalize();
    else await this.upkeep.dispatch();
    await this.publishProgress(finished);
    await this.upkeep.arm();
    return { finished };
  }

  /** Reduces the results; a summary reducer leaves the model call to the caller. */
  async finalize(): Promise<Finalization> {
    const run = this.store.run();
    const task = this.store.spec()?.task;
    if (run?.status !== 'reducing' || !task) return { status: 'done' };
    const reduced = reduceResults(task.reduce, this.store.results());
    if (task.reduce.kind === 'summary') {
      const input = JSON.stringify(reduced).slice(0, SUMMARY_INPUT_CHARS);
      return {
        status: 'reducing',
        summary: {
          prompt: task.reduce.prompt,
          maxTokens: task.reduce.max_tokens,
          input,
          task: task.name,
          agent: task.agent,
          modelClass: task.model_class,
        },
      };
    }
    await this.complete(reduced);
    return { status: 'done' };
  }

  /** Ends a reducing run with its result; a second reduce step (asked for again) changes nothing. */
  async complete(result: unknown): Promise<void> {
    if (this.store.run()?.status !== 'reducing') return;
    const status = (this.store.counts().done ?? 0) === 0 ? 'failed' : 'done';
    this.store.setStatus(status, {
      result: JSON.stringify(result),
      ...(status === 'failed' ? { error: 'every job failed' } : {}),
    });
    await this.ended();
  }

  async fail(error: string): Promise<void> {
    if (this.store.run()?.status !== 'reducing') return;
    this.store.setStatus('failed', { error });
    await this.ended();
  }

  /** Ends the run: no job is left pending or in flight; late reports still add their spend. */
  async cancel(): Promise<RunProgress> {
    const run = this.store.run();
    if (run && (run.status === 'running' || run.status === 'reducing')) {
      this.ctx.storage.transactionSync(() => {
        this.flight.cancelOpen();
        this.store.setStatus('cancelled');
      });
      await this.ended();
    }
    return this.shown(this.progressOrThrow());
  }

  async status(): Promise<RunStatusView | null> {
    const stored = this.store.progress();
    if (!stored) return null;
    const progress = await this.shown(stored);
    const run = this.store.run();
    const spec = this.store.spec();
    return {
      progress,
      resultJson: run?.result ?? null,
      failures: this.store.failures(20),
      onDone: spec?.task.on_done ?? null,
      requestedBy: spec?.requestedBy ?? '',
    };
  }

  /** Re-sends what was not heard from in time, retries a lost reduce step, and updates the run index. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    const jobs = await this.upkeep.resendOverdue(now);
    const failed = await this.upkeep.retryFinalize(now);
    if (jobs.changed || jobs.finished || failed) await this.publishProgress(true);
    await this.upkeep.syncIndex(now);
    await this.upkeep.arm(true);
  }

  override async fetch(request: Request): Promise<Response> {
    if (!isUpgrade(request)) return new Response('expected a WebSocket upgrade', { status: 426 });
    return acceptSocket(this.ctx, viewerOf(request), {
      type: 'swarm.progress',
      progress: this.store.progress() ?? null,
    });
  }

  override webSocketClose(socket: WebSocket, code: number, reason: string): void {
    closeSocket(socket, code, reason);
  }

  private requester(): string | null {
    return this.store.spec()?.requestedBy ?? null;
  }

  /** The run has ended: everyone hears of it, and the alarm copies it to the run index. */
  private async ended(): Promise<void> {
    await this.publishProgress(true);
    await this.upkeep.arm();
  }

  private progressOrThrow(): RunProgress {
    const progress = this.store.progress();
    if (!progress) throw new Error('no such run');
    return progress;
  }

  private async publishProgress(force: boolean): Promise<void> {
    const now = Date.now();
    if (!force && now - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = now;
    const stored = this.store.progress();
    // Named by its client, so live streams show a run to whoever started it and to the owner.
    const event = { type: 'swarm.progress', progress: stored && (await this.shown(stored)), client: this.requester() };
    broadcast(this.ctx, event);
    await dashboardEvents(this.env).publish(event);
  }
}
