import type { SwarmSettings } from '../src/config/swarm-settings';
import { errorFields, type Logger } from '../src/observability/logger';
import type { RunProgress } from '../src/reactor/swarm-types';
import type { JobFlight } from './swarm-flight';
import { indexDueAt, indexFigures, writeRunIndex } from './swarm-index';
import type { SwarmStore } from './swarm-store';

// Queue batches hold at most 100 messages.
const SEND_BATCH = 100;
// A send the queue refused is tried again this soon, by the alarm.
const SEND_RETRY_MS = 10_000;

export interface UpkeepParts {
  storage: DurableObjectStorage;
  queue: Queue;
  store: SwarmStore;
  flight: JobFlight;
  settings: SwarmSettings;
  postgres?: { url: string; wsProxy?: string };
  log: Logger;
  background: (work: Promise<unknown>) => void;
  /** The run's figures as they are shown, its cost taken from the budget ledger. */
  shown: (progress: RunProgress) => Promise<RunProgress>;
}

/**
 * What keeps a run moving towards its end: sending jobs and the reduce step, re-sending what was
 * not heard from in time, copying the run's figures to the Postgres index, and the alarm behind it.
 */
export class RunUpkeep {
  // The alarm time last set or seen; null when unknown (after a restart, or while the alarm runs).
  private alarmAt: number | null = null;

  constructor(private readonly parts: UpkeepParts) {}

  private get dueIn(): number {
    return this.parts.settings.jobDeadlineMs;
  }

  /** Hands pending jobs to the queue, up to the run's in-flight limit. */
  async dispatch(): Promise<void> {
    const { store, flight } = this.parts;
    const run = store.run();
    if (run?.status !== 'running') return;
    const jobs = flight.take(run.max_in_flight - (store.counts().sent ?? 0), Date.now() + this.dueIn);
    // Jobs that never reached the queue go back to pending; the alarm tries again.
    await this.send(run.run_id, jobs, (unsent) => flight.unsend(unsent));
  }

  /** Inside a transaction: when no job is left open, the run waits for its reduce step. */
  endJobsIfDone(now: number): boolean {
    const { store } = this.parts;
    const run = store.run();
    const counts = store.counts();
    if (run?.status !== 'running' || (counts.pending ?? 0) + (counts.sent ?? 0) > 0) return false;
    store.startReducing(now + this.dueIn);
    return true;
  }

  async askFinalize(): Promise<void> {
    const { store, queue, log } = this.parts;
    const run = store.run();
    if (run?.status !== 'reducing') return;
    try {
      await queue.send({ kind: 'swarm.finalize', runId: run.run_id });
    } catch (error) {
      store.finalizeDue(Date.now() + SEND_RETRY_MS, -1);
      log.warn('reduce step not queued', { runId: run.run_id, ...errorFields(error) });
    }
  }

  /**
   * Jobs not heard from by their due time are sent again; those sent `maxSends` times fail, so the
   * run still ends. Returns whether the run's figures changed and whether its jobs have all ended.
   */
  async resendOverdue(now: number): Promise<{ changed: boolean; finished: boolean }> {
    const { storage, flight, settings, log } = this.parts;
    const run = this.parts.store.run();
    if (run?.status !== 'running') return { changed: false, finished: false };
    const lostError = `no report after ${settings.maxSends} sends, ${settings.jobDeadlineMs} ms apart: its messages were lost or it never finished`;
    const { resend, lost, finished } = storage.transactionSync(() => {
      const overdue = flight.overdue(now, settings.maxSends, now + this.dueIn, lostError);
      return { ...overdue, finished: this.endJobsIfDone(now) };
    });
    if (resend.length > 0 || lost > 0)
      log.warn('swarm jobs not heard from in time', { runId: run.run_id, resent: resend.length, failed: lost });
    await this.send(run.run_id, resend, (unsent) => flight.resendFailed(unsent, Date.now() + SEND_RETRY_MS));
    if (finished) await this.askFinalize();
    else await this.dispatch();
    return { changed: lost > 0, finished };
  }

  /** The reduce step was asked for and has not finished in time: ask again, or fail the run. */
  async retryFinalize(now: number): Promise<boolean> {
    const { store, settings } = this.parts;
    const run = store.run();
    if (run?.status !== 'reducing' || run.finalize_due_at === null || run.finalize_due_at > now) return false;
    if (run.finalize_tries >= settings.maxSends) {
      store.setStatus('failed', { error: `the reduce step did not finish after ${run.finalize_tries} tries` });
      return true;
    }
    store.finalizeDue(now + this.dueIn, 1);
    await this.askFinalize();
    return false;
  }

  /** Copies the run's figures to its Postgres index row when due; a failed copy is tried again later. */
  async syncIndex(now: number): Promise<void> {
    const { store, postgres, log, background } = this.parts;
    const run = store.run();
    const stored = store.progress();
    if (!run || !stored || !postgres) return;
    const progress = await this.parts.shown(stored);
    const figures = indexFigures(progress);
    const due = indexDueAt(run, figures, now);
    if (due === null || due > now) return;
    store.indexTried(now);
    try {
      await writeRunIndex(postgres, progress, background);
      store.indexed(figures);
    } catch (error) {
      log.warn('run index not updated', { runId: run.run_id, ...errorFields(error) });
    }
  }

  /**
   * Sets the alarm for the earliest thing the run waits on, unless it is set sooner already.
   * `fired` when called from the alarm itself, whose time has just been used up.
   */
  async arm(fired = false): Promise<void> {
    const { storage } = this.parts;
    if (fired) this.alarmAt = null;
    const next = this.nextAlarm(Date.now());
    if (next === null || (this.alarmAt !== null && this.alarmAt <= next)) return;
    if (!fired) {
      const current = await storage.getAlarm();
      this.alarmAt = current;
      if (current !== null && current <= next) return;
    }
    await storage.setAlarm(next);
    this.alarmAt = next;
  }

  private nextAlarm(now: number): number | null {
    const { store, flight, postgres } = this.parts;
    const run = store.run();
    const progress = store.progress();
    if (!run || !progress) return null;
    const times: number[] = [];
    if (run.status === 'running') {
      const due = flight.nextDue();
      if (due !== null) times.push(due);
      // Jobs waiting with room to send them: an earlier send failed.
      if (progress.queued > 0 && progress.running < run.max_in_flight) times.push(now + SEND_RETRY_MS);
    }
    if (run.status === 'reducing' && run.finalize_due_at !== null) times.push(run.finalize_due_at);
    const index = postgres ? indexDueAt(run, indexFigures(progress), now) : null;
    if (index !== null) times.push(index);
    return times.length > 0 ? Math.min(...times) : null;
  }

  private async send(runId: string, jobs: number[], unsent: (jobs: number[]) => void): Promise<void> {
    for (let start = 0; start < jobs.length; start += SEND_BATCH) {
      const chunk = jobs.slice(start, start + SEND_BATCH);
      try {
        await this.parts.queue.sendBatch(chunk.map((job) => ({ body: { kind: 'swarm.job', runId, job } })));
      } catch (error) {
        unsent(jobs.slice(start));
        this.parts.log.warn('swarm jobs not queued', { runId, jobs: jobs.length - start, ...errorFields(error) });
        return;
      }
    }
  }
}
