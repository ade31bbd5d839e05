import { and, asc, eq, lte } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { type StepRecord, workflowRuns } from '../db/d1-schema';
import type { WorkflowRunRow } from './run-history';

// A run is interrupted when it is `running` and its heartbeat (`updated_at`, written as each step
// starts, retries and ends) is older than the deadline: whatever ran it (a cron invocation, a
// request, a dev server) is gone. Each write below is a compare-and-set on the run's resume count
// and heartbeat, so two sweeps, or a sweep and a retry, never both take the same run.

export const isStale = (run: WorkflowRunRow, now: number, staleAfterMs: number) =>
  run.status === 'running' && run.updatedAt <= now - staleAfterMs;

/** The step that was running when the run stopped making progress, if it had started one. */
export const interruptedStep = (run: WorkflowRunRow): StepRecord | undefined =>
  run.steps?.find((step) => step.status === 'running');

export function interruptionText(run: WorkflowRunRow): string {
  const step = interruptedStep(run);
  const where = step ? ` in step ${step.name}` : '';
  return `run interrupted: no progress since ${new Date(run.updatedAt).toISOString()}${where}`;
}

/** Running runs with no heartbeat since `cutoff`, the longest silent first. */
export async function findStaleRuns(db: D1Db, cutoff: number, limit: number): Promise<WorkflowRunRow[]> {
  return db
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.status, 'running'), lte(workflowRuns.updatedAt, cutoff)))
    .orderBy(asc(workflowRuns.updatedAt))
    .limit(limit);
}

const unchangedSince = (run: WorkflowRunRow, cutoff: number) =>
  and(
    eq(workflowRuns.id, run.id),
    eq(workflowRuns.status, 'running'),
    eq(workflowRuns.resumes, run.resumes),
    lte(workflowRuns.updatedAt, cutoff),
  );

/**
 * Takes a run that is still as `run` shows it and still silent since `cutoff`: bumps its resume
 * count (the fence its old runner's writes now miss) and its heartbeat. Resolves to the new count,
 * or undefined when someone else took it or it made progress.
 */
export async function takeOver(db: D1Db, run: WorkflowRunRow, cutoff: number): Promise<number | undefined> {
  const taken = await db
    .update(workflowRuns)
    .set({ resumes: run.resumes + 1, updatedAt: Date.now() })
    .where(unchangedSince(run, cutoff))
    .returning({ resumes: workflowRuns.resumes });
  return taken[0]?.resumes;
}

/**
 * Ends an interrupted run as failed at `step` (its first unfinished one), the cut-off step record
 * marked failed, so it shows what happened and can be retried from there. False when someone else
 * took it or it made progress.
 */
export async function failInterrupted(
  db: D1Db,
  run: WorkflowRunRow,
  cutoff: number,
  failure: { error: string; step: string | null },
): Promise<boolean> {
  const { error } = failure;
  const now = Date.now();
  const steps = (run.steps ?? []).map((step) =>
    step.status === 'running' ? { ...step, status: 'failed' as const, endedAt: now, error } : step,
  );
  const ended = await db
    .update(workflowRuns)
    .set({
      status: 'failed',
      endedAt: now,
      updatedAt: now,
      steps,
      error,
      failedStep: failure.step,
    })
    .where(unchangedSince(run, cutoff))
    .returning({ id: workflowRuns.id });
  return ended.length > 0;
}
