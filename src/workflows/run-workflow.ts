import { eq } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { workflowRuns } from '../db/d1-schema';
import { stableUuid } from '../lib/stable-uuid';
import { findRun, type WorkflowRunRow } from './run-history';
import { isStale, takeOver } from './stale-runs';
import type { RunInput, WorkflowDefinition, WorkflowTrigger } from './types';

export type { DurableSteps, EngineOptions, RunOutcome, WorkflowFailure } from './run-engine';

export interface RunRequest {
  trigger: WorkflowTrigger;
  cron: string | null;
  tick: number;
  /** Same key, same run: a schedule tick that fires twice runs once. */
  idempotencyKey: string;
  /** The failed run to resume: its succeeded steps are reused, the rest run. */
  retryOf?: WorkflowRunRow;
  /** Checked against the workflow's `input` schema before the run is claimed; absent for a cron run. */
  input?: RunInput;
}

/**
 * Where runs are executed (Cloudflare Workflows): one instance per run, its id the run's id.
 * `launch` starts it (an instance that already exists is left as it is); `relaunch` runs it again
 * from its first step, creating it if the platform has lost it.
 */
export interface RunLauncher {
  launch(runId: string): Promise<void>;
  relaunch(runId: string): Promise<void>;
}

export type StartOutcome = { runId: string; status: 'started' | 'resumed' | 'duplicate' };

export const tickKey = (workflowId: string, tick: number) => `${workflowId}@${new Date(tick).toISOString()}`;

/** A run's id follows from its idempotency key: a start repeated after a crash finds the same run and instance. */
export const runIdFor = (idempotencyKey: string) => stableUuid(`workflow-run:${idempotencyKey}`);

/** Records the run under its idempotency key; undefined when the key was free, else the run already holding it. */
async function claim(db: D1Db, workflow: WorkflowDefinition, request: RunRequest, runId: string) {
  const now = Date.now();
  const claimed = await db
    .insert(workflowRuns)
    .values({
      id: runId,
      workflow: workflow.id,
      trigger: request.trigger,
      cron: request.cron,
      tick: request.tick,
      idempotencyKey: request.idempotencyKey,
      status: 'running',
      startedAt: now,
      updatedAt: now,
      retryOf: request.retryOf?.id ?? null,
      steps: [],
      input: request.input && Object.keys(request.input).length > 0 ? { ...request.input } : null,
    })
    .onConflictDoNothing()
    .returning({ id: workflowRuns.id });
  if (claimed.length > 0) return undefined;
  return db.select().from(workflowRuns).where(eq(workflowRuns.idempotencyKey, request.idempotencyKey)).get();
}

/**
 * Claims the run's idempotency key and launches it. A key already taken answers with its run,
 * unless that run was interrupted (running, no heartbeat for `staleAfterMs`): then it is taken
 * over and run again, so a key never hands back a run that will not end.
 */
export async function startRun(
  db: D1Db,
  workflow: WorkflowDefinition,
  request: RunRequest,
  launcher: RunLauncher,
  staleAfterMs: number,
): Promise<StartOutcome> {
  const runId = await runIdFor(request.idempotencyKey);
  const existing = await claim(db, workflow, request, runId);
  if (!existing) {
    await launcher.launch(runId);
    return { runId, status: 'started' };
  }
  if (isStale(existing, Date.now(), staleAfterMs)) return resumeRun(db, existing, launcher, staleAfterMs);
  return { runId: existing.id, status: 'duplicate' };
}

/**
 * Takes an interrupted run over (its resume count is the fence the old runner's writes now miss)
 * and runs it again: the steps its record shows ended are skipped with their outputs, so it goes
 * on in effect from the step that was cut off. `duplicate` when another sweep or retry took it first.
 */
export async function resumeRun(
  db: D1Db,
  run: WorkflowRunRow,
  launcher: RunLauncher,
  staleAfterMs: number,
): Promise<StartOutcome> {
  const generation = await takeOver(db, run, Date.now() - staleAfterMs);
  if (generation === undefined) return { runId: run.id, status: 'duplicate' };
  await launcher.relaunch(run.id);
  return { runId: run.id, status: 'resumed' };
}

/** What a run's instance works from: the run as recorded, and the steps it may skip. */
export async function planOf(db: D1Db, run: WorkflowRunRow) {
  // A retry interrupted before it recorded the steps it reuses still finds them on the run it retries.
  const retried = run.retryOf ? await findRun(db, run.retryOf) : undefined;
  return { own: run.steps ?? [], reusable: retried?.steps ?? [] };
}

/** The request a recorded run was started with. */
export const requestOf = (run: WorkflowRunRow): RunRequest => ({
  trigger: run.trigger,
  cron: run.cron,
  tick: run.tick ?? run.startedAt,
  idempotencyKey: run.idempotencyKey,
  input: run.input ?? {},
});
