import { eq } from 'drizzle-orm';
import { workflowRuns } from '../db/d1-schema';
import { type D1, type EngineOptions, executeRun, type RunOutcome } from './run-engine';
import { findRun, type WorkflowRunRow } from './run-history';
import { isStale, takeOver } from './stale-runs';
import type { WorkflowContext, WorkflowDefinition, WorkflowTrigger } from './types';

export type { EngineOptions, RunOutcome, WorkflowFailure } from './run-engine';

export interface RunRequest {
  trigger: WorkflowTrigger;
  cron: string | null;
  tick: number;
  /** Same key, same run: a schedule tick that fires twice runs once. */
  idempotencyKey: string;
  /** The failed run to resume: its succeeded steps are reused, the rest run. */
  retryOf?: WorkflowRunRow;
}

export const tickKey = (workflowId: string, tick: number) => `${workflowId}@${new Date(tick).toISOString()}`;

/** The request a recorded run was started with, for a runner that takes it over. */
export const requestOf = (run: WorkflowRunRow): RunRequest => ({
  trigger: run.trigger,
  cron: run.cron,
  tick: run.tick ?? run.startedAt,
  idempotencyKey: run.idempotencyKey,
});

/** Records the run under its idempotency key; the run already holding the key when it is taken. */
async function claim(db: D1, workflow: WorkflowDefinition, request: RunRequest, runId: string) {
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
    })
    .onConflictDoNothing()
    .returning({ id: workflowRuns.id });
  if (claimed.length > 0) return undefined;
  return db.select().from(workflowRuns).where(eq(workflowRuns.idempotencyKey, request.idempotencyKey)).get();
}

/**
 * Claims the run's idempotency key and runs the steps. A key already taken answers with its run,
 * unless that run was interrupted (running, no heartbeat for `staleAfterMs`): then it is taken
 * over and carried on, so a key never hands back a run that will not end.
 */
export async function runWorkflow(
  db: D1,
  workflow: WorkflowDefinition,
  request: RunRequest,
  makeContext: (runId: string) => WorkflowContext,
  options: EngineOptions,
): Promise<RunOutcome> {
  const runId = crypto.randomUUID();
  const existing = await claim(db, workflow, request, runId);
  if (existing) {
    if (isStale(existing, Date.now(), options.staleAfterMs))
      return resumeRun(db, workflow, existing, makeContext, options);
    return { runId: existing.id, status: 'duplicate', duplicate: true };
  }
  const plan = { own: [], reusable: request.retryOf?.steps ?? [] };
  return executeRun(db, workflow, { runId, generation: 0 }, plan, makeContext(runId), options);
}

/**
 * Takes an interrupted run over and carries it on in place: the steps its record shows ended are
 * kept with their outputs, so it resumes in effect at the step that was cut off. Answers
 * `duplicate` when another runner took it first or it made progress after all.
 */
export async function resumeRun(
  db: D1,
  workflow: WorkflowDefinition,
  run: WorkflowRunRow,
  makeContext: (runId: string) => WorkflowContext,
  options: EngineOptions,
): Promise<RunOutcome> {
  const generation = await takeOver(db, run, Date.now() - options.staleAfterMs);
  if (generation === undefined) return { runId: run.id, status: 'duplicate', duplicate: true };
  const context = makeContext(run.id);
  context.log.warn('resuming an interrupted workflow run', {
    workflow: workflow.id,
    runId: run.id,
    lastProgressAt: new Date(run.updatedAt).toISOString(),
    resumes: generation,
  });
  // A retry interrupted before it recorded the steps it reuses still finds them on the run it retries.
  const retried = run.retryOf ? await findRun(db, run.retryOf) : undefined;
  const plan = { own: run.steps ?? [], reusable: retried?.steps ?? [] };
  const outcome = await executeRun(db, workflow, { runId: run.id, generation }, plan, context, options);
  return outcome.status === 'succeeded' || outcome.status === 'failed' || outcome.status === 'skipped'
    ? { ...outcome, resumed: true }
    : outcome;
}
