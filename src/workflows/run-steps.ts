import type { StepRecord } from '../db/d1-schema';
import { errorMessage } from '../lib/error-message';
import { errorFields } from '../observability/logger';
import { SkipRun, type WorkflowContext, type WorkflowStep } from './types';

export const DEFAULT_STEP_RETRIES = 3;

export const errorText = (error: unknown) => errorMessage(error).slice(0, 2000);

/** What one attempt of a step needs besides the step: where it is, and how to record it. */
export interface Attempt {
  number: number;
  startedAt: number;
  context: WorkflowContext;
  outputs: Readonly<Record<string, unknown>>;
  /** Records the step on its run; the first write of an attempt is the run's heartbeat. */
  save(record: StepRecord): Promise<void>;
}

/**
 * One attempt of a step: recorded as running, run, and recorded as ended before it answers, so
 * a restart of the run finds the step done. A SkipRun ends the step (and the run) as skipped; any
 * other error is thrown for the durable step to retry.
 */
export async function attemptStep(step: WorkflowStep, attempt: Attempt): Promise<StepRecord> {
  const { number: attempts, startedAt, context } = attempt;
  await attempt.save({ name: step.name, status: 'running', attempts, startedAt, costMicros: 0 });
  let record: StepRecord;
  try {
    const result = (await step.run(context, attempt.outputs)) ?? {};
    record = {
      name: step.name,
      status: 'succeeded',
      attempts,
      startedAt,
      endedAt: Date.now(),
      costMicros: result.costMicros ?? 0,
      ...(result.output !== undefined ? { output: result.output } : {}),
      ...(result.note ? { note: result.note } : {}),
    };
  } catch (error) {
    if (!(error instanceof SkipRun)) {
      context.log.warn('workflow step attempt failed', { step: step.name, attempt: attempts, ...errorFields(error) });
      throw error;
    }
    record = { name: step.name, status: 'skipped', attempts, startedAt, endedAt: Date.now(), costMicros: 0 };
    record.note = error.message;
  }
  await attempt.save(record);
  return record;
}

/** The record of a step whose every attempt failed. */
export const failedStep = (step: WorkflowStep, startedAt: number, error: unknown): StepRecord => ({
  name: step.name,
  status: 'failed',
  attempts: (step.retries ?? DEFAULT_STEP_RETRIES) + 1,
  startedAt,
  endedAt: Date.now(),
  costMicros: 0,
  error: errorText(error),
});
