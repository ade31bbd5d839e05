import { and, eq } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { type StepRecord, workflowRuns } from '../db/d1-schema';
import { errorFields } from '../observability/logger';
import { attemptStep, DEFAULT_STEP_RETRIES, failedStep } from './run-steps';
import type { WorkflowContext, WorkflowDefinition } from './types';

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

/**
 * The platform's durable step (Cloudflare Workflows' `step.do`): `work` is tried `retries` more
 * times after a throw, with backoff; once it has answered, a replay of the run gets the answer
 * without running it again. Its answer must be plain JSON.
 */
export interface DurableSteps {
  do<T>(name: string, retries: number, work: (attempt: number) => Promise<T>): Promise<T>;
}

export type RunOutcome =
  | { runId: string; status: 'succeeded' | 'skipped' | 'failed'; error?: string }
  /** The sweep took the run over (this runner was thought dead): this one stopped writing. */
  | { runId: string; status: 'taken_over' };

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

type Attempted = { record: StepRecord } | { takenOver: true };

const ended = (record: StepRecord) => record.status === 'succeeded' || record.status === 'reused';
const costOf = (records: readonly StepRecord[]) =>
  records.reduce((sum, record) => sum + (record.status === 'reused' ? 0 : record.costMicros), 0);

/** A write fenced by the run's generation misses once the run was taken over: a plain answer, not an error to retry. */
async function fenced<T>(work: () => Promise<T>): Promise<T | { takenOver: true }> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RunTakenOver) return { takenOver: true };
    throw error;
  }
}

/**
 * Runs the steps in order, each as a durable step, skipping those the plan shows done. Every
 * attempt records its step as it starts and as it ends, inside the durable step: the start is the
 * run's heartbeat, the end is what a restart reads to skip it. Every write is fenced by the run's
 * generation, so once the sweep has taken the run over this runner stops before another step.
 */
export async function executeRun(
  db: D1Db,
  workflow: WorkflowDefinition,
  handle: RunHandle,
  plan: RunPlan,
  context: WorkflowContext,
  options: EngineOptions,
  durable: DurableSteps,
): Promise<RunOutcome> {
  const { runId, generation } = handle;
  const own = new Map(plan.own.filter(ended).map((record) => [record.name, record]));
  const previous = new Map(plan.reusable.filter(ended).map((record) => [record.name, record]));
  const records: StepRecord[] = [];
  const outputs: Record<string, unknown> = {};
  const save = async (steps: StepRecord[], fields: Partial<typeof workflowRuns.$inferInsert> = {}) => {
    const written = await db
      .update(workflowRuns)
      .set({ steps, costMicros: costOf(steps), updatedAt: Date.now(), ...fields })
      .where(and(eq(workflowRuns.id, runId), eq(workflowRuns.status, 'running'), eq(workflowRuns.resumes, generation)))
      .returning({ id: workflowRuns.id });
    if (written.length === 0) throw new RunTakenOver(runId);
  };

  for (const step of workflow.steps) {
    const done = own.get(step.name) ?? previous.get(step.name);
    let record: StepRecord;
    if (done) record = own.has(step.name) ? done : { ...done, status: 'reused', attempts: 0 };
    else {
      const startedAt = Date.now();
      const attempted: Attempted = await durable
        .do(step.name, step.retries ?? DEFAULT_STEP_RETRIES, (number) =>
          fenced(async () => ({
            record: await attemptStep(step, {
              number,
              startedAt,
              context,
              outputs,
              save: (current) => save([...records, current]),
            }),
          })),
        )
        .catch((error: unknown) => ({ record: failedStep(step, startedAt, error) }));
      if ('takenOver' in attempted) return takenOver(context, workflow, runId);
      record = attempted.record;
    }
    records.push(record);
    outputs[step.name] = record.output;
    if (record.status === 'skipped' || record.status === 'failed') break;
  }

  const last = records.at(-1);
  const outcome: RunOutcome =
    last?.status === 'skipped'
      ? { runId, status: 'skipped' }
      : last?.status === 'failed'
        ? { runId, status: 'failed', error: `step ${last.name} failed after ${last.attempts} attempts: ${last.error}` }
        : { runId, status: 'succeeded' };
  const finished = await durable.do('end of run', DEFAULT_STEP_RETRIES, () =>
    fenced(async () => {
      await endRun(outcome, last, (fields) => save(records, fields));
      return outcome;
    }),
  );
  if ('takenOver' in finished) return takenOver(context, workflow, runId);
  if (outcome.status === 'failed' && last) {
    context.log.error('workflow failed', { workflow: workflow.id, runId, step: last.name, error: last.error });
    await durable.do('report failure', 0, () =>
      options
        .onFailure({ workflow, runId, step: last.name, attempts: last.attempts, error: last.error ?? '' })
        .then(() => true)
        .catch((hookError: unknown) => {
          context.log.error('workflow error hook failed', errorFields(hookError));
          return false;
        }),
    );
  }
  return outcome;
}

function endRun(
  outcome: RunOutcome,
  last: StepRecord | undefined,
  save: (fields: Partial<typeof workflowRuns.$inferInsert>) => Promise<void>,
) {
  const endedAt = Date.now();
  if (outcome.status === 'skipped') return save({ status: 'skipped', endedAt, error: last?.note ?? null });
  if (outcome.status === 'failed')
    return save({ status: 'failed', endedAt, error: outcome.error ?? null, failedStep: last?.name ?? null });
  return save({ status: 'succeeded', endedAt, error: null });
}

function takenOver(context: WorkflowContext, workflow: WorkflowDefinition, runId: string): RunOutcome {
  context.log.warn('workflow run taken over by another runner; this one stops', { workflow: workflow.id, runId });
  return { runId, status: 'taken_over' };
}
