import { and, eq } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type * as d1Schema from '../db/d1-schema';
import { workflowRuns } from '../db/d1-schema';
import { errorFields } from '../observability/logger';
import { runStep } from './run-steps';
import type { StepRecord, WorkflowContext, WorkflowDefinition } from './types';

export type D1 = DrizzleD1Database<typeof d1Schema>;

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
  /** A running run whose heartbeat is older than this was interrupted: it may be taken over. */
  staleAfterMs: number;
  /** The error hook: called once per failed run, after the failure is recorded. */
  onFailure(failure: WorkflowFailure): Promise<void>;
}

export type RunOutcome =
  | {
      runId: string;
      status: 'succeeded' | 'skipped' | 'failed';
      duplicate: false;
      /** The run was an interrupted one, taken over and carried on from its first unfinished step. */
      resumed?: true;
      error?: string;
    }
  | { runId: string; status: 'duplicate'; duplicate: true }
  /** Another runner took the run over while this one ran it (this one was thought dead): it stopped writing. */
  | { runId: string; status: 'taken_over'; duplicate: false };

/** The run as this runner holds it: `generation` is the run's resume count when this runner took it. */
export interface RunHandle {
  runId: string;
  generation: number;
}

/** What the run already has: steps that ended are not run again. */
export interface RunPlan {
  /** This run's own records, from before it was interrupted: kept as they are. */
  own: readonly StepRecord[];
  /** The failed run this run retries: its succeeded steps are reused (and cost nothing here). */
  reusable: readonly StepRecord[];
}

class RunTakenOver extends Error {
  override name = 'RunTakenOver';
}

const ended = (record: StepRecord) => record.status === 'succeeded' || record.status === 'reused';

/**
 * Runs the steps in order, skipping those the plan shows done, and records each step when it
 * starts, retries and ends: that write is the run's heartbeat. Every write is fenced by the run's
 * generation, so once the sweep has taken the run over, this runner's next write finds nothing to
 * update and it stops before running another step.
 */
export async function executeRun(
  db: D1,
  workflow: WorkflowDefinition,
  handle: RunHandle,
  plan: RunPlan,
  context: WorkflowContext,
  options: EngineOptions,
): Promise<RunOutcome> {
  const { runId, generation } = handle;
  const own = new Map(plan.own.filter(ended).map((record) => [record.name, record]));
  const previous = new Map(plan.reusable.filter(ended).map((record) => [record.name, record]));
  const records: StepRecord[] = [];
  const outputs: Record<string, unknown> = {};
  const save = async (steps: StepRecord[], fields: Partial<typeof workflowRuns.$inferInsert> = {}) => {
    const written = await db
      .update(workflowRuns)
      .set({ steps, updatedAt: Date.now(), ...fields })
      .where(and(eq(workflowRuns.id, runId), eq(workflowRuns.status, 'running'), eq(workflowRuns.resumes, generation)))
      .returning({ id: workflowRuns.id });
    if (written.length === 0) throw new RunTakenOver(runId);
  };
  const cost = () => records.reduce((sum, record) => sum + (record.status === 'reused' ? 0 : record.costMicros), 0);

  try {
    for (const step of workflow.steps) {
      const done = own.get(step.name) ?? previous.get(step.name);
      let record: StepRecord;
      if (done) record = own.has(step.name) ? done : { ...done, status: 'reused', attempts: 0 };
      else
        record = await runStep(step, context, outputs, options.retryBaseMs, (running) => save([...records, running]));
      records.push(record);
      outputs[step.name] = record.output;
      if (record.status === 'skipped') {
        await save(records, { status: 'skipped', endedAt: Date.now(), costMicros: cost(), error: record.note ?? null });
        return { runId, status: 'skipped', duplicate: false };
      }
      if (record.status === 'failed') {
        const error = `step ${step.name} failed after ${record.attempts} attempts: ${record.error}`;
        context.log.error('workflow failed', { workflow: workflow.id, runId, step: step.name, error: record.error });
        await save(records, {
          status: 'failed',
          endedAt: Date.now(),
          costMicros: cost(),
          error,
          failedStep: step.name,
        });
        await options
          .onFailure({ workflow, runId, step: step.name, attempts: record.attempts, error: record.error ?? '' })
          .catch((hookError: unknown) => context.log.error('workflow error hook failed', errorFields(hookError)));
        return { runId, status: 'failed', duplicate: false, error };
      }
      if (!done) await save(records, { costMicros: cost() });
    }
    await save(records, { status: 'succeeded', endedAt: Date.now(), costMicros: cost(), error: null });
    return { runId, status: 'succeeded', duplicate: false };
  } catch (error) {
    if (!(error instanceof RunTakenOver)) throw error;
    context.log.warn('workflow run taken over by another runner; this one stops', { workflow: workflow.id, runId });
    return { runId, status: 'taken_over', duplicate: false };
  }
}
