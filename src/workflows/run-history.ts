import { desc, eq } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { workflowRuns } from '../db/d1-schema';

export type WorkflowRunRow = typeof workflowRuns.$inferSelect;

export async function recentRuns(db: D1Db, workflow: string, limit: number): Promise<WorkflowRunRow[]> {
  return db
    .select()
    .from(workflowRuns)
    .where(eq(workflowRuns.workflow, workflow))
    .orderBy(desc(workflowRuns.startedAt))
    .limit(limit);
}

export async function findRun(db: D1Db, runId: string): Promise<WorkflowRunRow | undefined> {
  return db.select().from(workflowRuns).where(eq(workflowRuns.id, runId)).get();
}

export const presentRun = (run: WorkflowRunRow) => ({
  id: run.id,
  workflow: run.workflow,
  trigger: run.trigger,
  cron: run.cron,
  tick: run.tick ? new Date(run.tick).toISOString() : null,
  status: run.status,
  startedAt: new Date(run.startedAt).toISOString(),
  endedAt: run.endedAt ? new Date(run.endedAt).toISOString() : null,
  costMicros: run.costMicros,
  error: run.error,
  failedStep: run.failedStep,
  retryOf: run.retryOf,
  /** The heartbeat: when a step last started, retried or ended. */
  lastProgressAt: new Date(run.updatedAt).toISOString(),
  /** Times the run was taken over and carried on after a crash interrupted it. */
  resumes: run.resumes,
  steps: run.steps,
  input: run.input,
});
