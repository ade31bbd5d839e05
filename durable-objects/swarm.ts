import { DurableObject } from 'cloudflare:workers';
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
import { type PingAnswer, pingStorage } from './ping';
import { migrateSchema } from './schema-migrations';
import { acceptSocket, broadcast, closeSocket, isUpgrade } from './sockets';
import { SwarmStore, swarmMigrations } from './swarm-store';

// Queue batches hold at most 100 messages.
const SEND_BATCH = 100;
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
 */
export class SwarmRun extends DurableObject<Env> {
  private readonly store: SwarmStore;
  private lastProgress = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrateSchema(ctx.storage, 'SwarmRun', swarmMigrations);
    this.store = new SwarmStore(ctx.storage.sql);
  }

  ping(): PingAnswer {
    return pingStorage(this.ctx.storage, 'SwarmRun');
  }

  async create(spec: RunSpec): Promise<RunProgress> {
    if (!this.store.run()) {
      this.ctx.storage.transactionSync(() =>
        this.store.createRun(
          {
            run_id: spec.runId,
            task: spec.task.name,
            spec: JSON.stringify({
              task: spec.task,
              taskVersion: spec.taskVersion,
              inputs: spec.inputs,
              requestedBy: spec.requestedBy,
            }),
            status: 'running',
            total: spec.items.length,
            max_in_flight: spec.maxInFlight,
            created_at: Date.now(),
          },
          spec.items,
        ),
      );
    }
    await this.dispatch();
    return this.progressOrThrow();
  }

  /** Job specs for the jobs still to run; ended or cancelled ones are left out, so redeliveries do nothing. */
  claim(
    jobs: number[],
  ): { runId: string; task: TaskDefinition; inputs: Record<string, unknown>; jobs: JobSpec[] } | null {
    const run = this.store.run();
    if (run?.status !== 'running') return null;
    const spec = JSON.parse(run.spec) as { task: TaskDefinition; inputs: Record<string, unknown> };
    const open = this.store.jobs(jobs).filter((job) => job.status === 'sent');
    return {
      runId: run.run_id,
      task: spec.task,
      inputs: spec.inputs,
      jobs: open.map((job) => ({ job: job.job, item: JSON.parse(job.item) as unknown })),
    };
  }

  /** Applies reports, hands out more jobs, and says whether the run has just finished its jobs. */
  async report(reports: JobReport[]): Promise<{ finished: boolean }> {
    const finished = this.ctx.storage.transactionSync(() => {
      for (const report of reports) this.store.apply(report);
      const run = this.store.run();
      const counts = this.store.counts();
      const open = (counts.pending ?? 0) + (counts.sent ?? 0);
      if (run?.status === 'running' && open === 0) {
        this.store.setStatus('reducing');
        return true;
      }
      return false;
    });
    if (!finished) await this.dispatch();
    await this.publishProgress(finished);
    return { finished };
  }

  /** Reduces the results; a summary reducer leaves the model call to the caller. */
  async finalize(): Promise<Finalization> {
    const run = this.store.run();
    if (run?.status !== 'reducing') return { status: 'done' };
    const { task } = JSON.parse(run.spec) as { task: TaskDefinition };
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

  async complete(result: unknown): Promise<void> {
    const status = (this.store.counts().done ?? 0) === 0 ? 'failed' : 'done';
    this.store.setStatus(status, {
      result: JSON.stringify(result),
      ...(status === 'failed' ? { error: 'every job failed' } : {}),
    });
    await this.publishProgress(true);
  }

  async fail(error: string): Promise<void> {
    this.store.setStatus('failed', { error });
    await this.publishProgress(true);
  }

  async cancel(): Promise<RunProgress> {
    const run = this.store.run();
    if (run && (run.status === 'running' || run.status === 'reducing')) {
      this.ctx.storage.transactionSync(() => {
        this.store.cancelPending();
        this.store.setStatus('cancelled');
      });
      await this.publishProgress(true);
    }
    return this.progressOrThrow();
  }

  status(): RunStatusView | null {
    const progress = this.store.progress();
    if (!progress) return null;
    const run = this.store.run();
    const spec = run ? (JSON.parse(run.spec) as { task: TaskDefinition; requestedBy: string }) : undefined;
    return {
      progress,
      resultJson: run?.result ?? null,
      failures: this.store.failures(20),
      onDone: spec?.task.on_done ?? null,
      requestedBy: spec?.requestedBy ?? '',
    };
  }

  override async fetch(request: Request): Promise<Response> {
    if (!isUpgrade(request)) return new Response('expected a WebSocket upgrade', { status: 426 });
    return acceptSocket(this.ctx, { type: 'swarm.progress', progress: this.store.progress() ?? null });
  }

  override webSocketClose(socket: WebSocket, code: number, reason: string): void {
    closeSocket(socket, code, reason);
  }

  private async dispatch(): Promise<void> {
    const run = this.store.run();
    if (run?.status !== 'running') return;
    const inFlight = this.store.counts().sent ?? 0;
    const jobs = this.store.takePending(run.max_in_flight - inFlight);
    for (let start = 0; start < jobs.length; start += SEND_BATCH) {
      const chunk = jobs.slice(start, start + SEND_BATCH);
      try {
        await this.env.JOBS.sendBatch(chunk.map((job) => ({ body: { kind: 'swarm.job', runId: run.run_id, job } })));
      } catch (error) {
        // Jobs that never reached the queue go back to pending for the next dispatch.
        this.store.unsend(jobs.slice(start));
        throw error;
      }
    }
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
    const event = { type: 'swarm.progress', progress: this.store.progress() };
    broadcast(this.ctx, event);
    await this.env.EVENTS.getByName('dashboard').publish(event);
  }
}
