import { eq } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type * as d1Schema from '../db/d1-schema';
import { workflowRuns } from '../db/d1-schema';
import { errorFields } from '../observability/logger';
import type { WorkflowRunRow } from './run-history';
import {
  SkipRun,
  type StepRecord,
  type WorkflowContext,
  type WorkflowDefinition,
  type WorkflowStep,
  type WorkflowTrigger,
} from './types';

export const DEFAULT_STEP_RETRIES = 3;

export interface RunRequest {
  trigger: WorkflowTrigger;
  cron: string | null;
  tick: number;
  /** Same key, same run: a schedule tick that fires twice runs once. */
  idempotencyKey: string;
  /** The failed run to resume: its succeeded steps are reused, the rest run. */
  retryOf?: WorkflowRunRow;
}

export interface WorkflowFailure {
  workflow: WorkflowDefinition;
  runId: string;
  step: string;
  attempts: number;
  error: string;
}

export interface EngineOptions {
  /** First backoff between attempts of a step; doubles per attempt. 0 retries at once (tests). */
  retryBaseMs: number;
  /** The error hook: called once per failed run, after the failure is recorded. */
  onFailure(failure: WorkflowFailure): Promise<void>;
}

export type RunOutcome =
  | { runId: string; status: 'succeeded' | 'skipped' | 'failed'; duplicate: false; error?: string }
  | { runId: string; status: 'duplicate'; duplicate: true };

type D1 = DrizzleD1Database<typeof d1Schema>;

export const tickKey = (workflowId: string, tick: number) => `${workflowId}@${new Date(tick).toISOString()}`;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Backoff before retry `attempt` (1-based). A cron invocation has at most 15 minutes of wall
 * time and a request far less, so the waits stay at seconds: with the default 3 retries and a
 * 500 ms base a failing step waits 0.5 + 1 + 2 s in all. Longer outages are for a retried run.
 */
export const backoffMs = (base: number, attempt: number) => Math.min(base * 2 ** (attempt - 1), 5_000);

async function claim(db: D1, workflow: WorkflowDefinition, request: RunRequest, runId: string) {
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
      retryOf: request.retryOf?.id ?? null,
      steps: [],
    })
    .onConflictDoNothing()
    .returning({ id: workflowRuns.id });
  if (claimed.length > 0) return undefined;
  const existing = await db
    .select({ id: workflowRuns.id })
    .from(workflowRuns)
    .where(eq(workflowRuns.idempotencyKey, request.idempotencyKey))
    .get();
  return existing?.id ?? runId;
}

/** Runs one step with its retries; a SkipRun ends at once. */
async function runStep(
  step: WorkflowStep,
  context: WorkflowContext,
  outputs: Record<string, unknown>,
  retryBaseMs: number,
): Promise<StepRecord> {
  const startedAt = Date.now();
  const retries = step.retries ?? DEFAULT_STEP_RETRIES;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = (await step.run(context, outputs)) ?? {};
      return {
        name: step.name,
        status: 'succeeded',
        attempts: attempt,
        startedAt,
        endedAt: Date.now(),
        costMicros: result.costMicros ?? 0,
        ...(result.output !== undefined ? { output: result.output } : {}),
        ...(result.note ? { note: result.note } : {}),
      };
    } catch (error) {
      if (error instanceof SkipRun) {
        return {
          name: step.name,
          status: 'skipped',
          attempts: attempt,
          startedAt,
          endedAt: Date.now(),
          costMicros: 0,
          note: error.message,
        };
      }
      context.log.warn('workflow step attempt failed', { step: step.name, attempt, ...errorFields(error) });
      if (attempt > retries) {
        return {
          name: step.name,
          status: 'failed',
          attempts: attempt,
          startedAt,
          endedAt: Date.now(),
          costMicros: 0,
          error: message(error),
        };
      }
      await pause(backoffMs(retryBaseMs, attempt));
    }
  }
}

/** Claims the run's idempotency key, runs the steps in order and records each as it ends. */
export async function runWorkflow(
  db: D1,
  workflow: WorkflowDefinition,
  request: RunRequest,
  makeContext: (runId: string) => WorkflowContext,
  options: EngineOptions,
): Promise<RunOutcome> {
  const runId = crypto.randomUUID();
  const existing = await claim(db, workflow, request, runId);
  if (existing) return { runId: existing, status: 'duplicate', duplicate: true };

  const context = makeContext(runId);
  const previous = new Map(
    (request.retryOf?.steps ?? [])
      .filter((step) => step.status === 'succeeded' || step.status === 'reused')
      .map((step) => [step.name, step]),
  );
  const records: StepRecord[] = [];
  const outputs: Record<string, unknown> = {};
  const save = (fields: Partial<typeof workflowRuns.$inferInsert> = {}) =>
    db
      .update(workflowRuns)
      .set({ steps: records, ...fields })
      .where(eq(workflowRuns.id, runId));
  const cost = () => records.reduce((sum, record) => sum + (record.status === 'reused' ? 0 : record.costMicros), 0);

  for (const step of workflow.steps) {
    const done = previous.get(step.name);
    const record: StepRecord = done
      ? { ...done, status: 'reused', attempts: 0 }
      : await runStep(step, context, outputs, options.retryBaseMs);
    records.push(record);
    outputs[step.name] = record.output;
    if (record.status === 'skipped') {
      await save({ status: 'skipped', endedAt: Date.now(), costMicros: cost(), error: record.note ?? null });
      return { runId, status: 'skipped', duplicate: false };
    }
    if (record.status === 'failed') {
      const error = `step ${step.name} failed after ${record.attempts} attempts: ${record.error}`;
      context.log.error('workflow failed', { workflow: workflow.id, runId, step: step.name, error: record.error });
      await save({ status: 'failed', endedAt: Date.now(), costMicros: cost(), error, failedStep: step.name });
      await options
        .onFailure({ workflow, runId, step: step.name, attempts: record.attempts, error: record.error ?? '' })
        .catch((hookError: unknown) => context.log.error('workflow error hook failed', errorFields(hookError)));
      return { runId, status: 'failed', duplicate: false, error };
    }
    await save({ costMicros: cost() });
  }
  await save({ status: 'succeeded', endedAt: Date.now(), costMicros: cost() });
  return { runId, status: 'succeeded', duplicate: false };
}
