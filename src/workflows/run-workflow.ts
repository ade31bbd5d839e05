import { eq } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type * as d1Schema from '../db/d1-schema';
import { workflowRuns } from '../db/d1-schema';
import { errorFields } from '../observability/logger';
import type { WorkflowContext, WorkflowDefinition, WorkflowTrigger } from './types';

export interface RunRequest {
  trigger: WorkflowTrigger;
  cron: string | null;
  tick: number;
  /** Same key, same run: a schedule tick that fires twice runs once. */
  idempotencyKey: string;
}

export type RunOutcome =
  | { runId: string; status: 'succeeded' | 'skipped' | 'failed'; duplicate: false; error?: string }
  | { runId: string; status: 'duplicate'; duplicate: true };

export const tickKey = (workflowId: string, tick: number) => `${workflowId}@${new Date(tick).toISOString()}`;

/** Claims the run's idempotency key, runs the workflow and records how it ended. */
export async function runWorkflow(
  db: DrizzleD1Database<typeof d1Schema>,
  workflow: WorkflowDefinition,
  request: RunRequest,
  makeContext: (runId: string) => WorkflowContext,
): Promise<RunOutcome> {
  const runId = crypto.randomUUID();
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
      startedAt: Date.now(),
    })
    .onConflictDoNothing()
    .returning({ id: workflowRuns.id });
  if (claimed.length === 0) {
    const existing = await db
      .select({ id: workflowRuns.id })
      .from(workflowRuns)
      .where(eq(workflowRuns.idempotencyKey, request.idempotencyKey))
      .get();
    return { runId: existing?.id ?? runId, status: 'duplicate', duplicate: true };
  }

  const context = makeContext(runId);
  try {
    const result = await workflow.run(context);
    await db
      .update(workflowRuns)
      .set({
        status: result.status,
        endedAt: Date.now(),
        costMicros: result.costMicros ?? 0,
        steps: result.steps ?? null,
        error: result.status === 'skipped' ? (result.note ?? null) : null,
      })
      .where(eq(workflowRuns.id, runId));
    return { runId, status: result.status, duplicate: false };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.log.error('workflow failed', { workflow: workflow.id, runId, ...errorFields(error) });
    await db
      .update(workflowRuns)
      .set({ status: 'failed', endedAt: Date.now(), error: message.slice(0, 2000) })
      .where(eq(workflowRuns.id, runId));
    return { runId, status: 'failed', duplicate: false, error: message };
  }
}
