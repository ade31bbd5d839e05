import { errorFields } from '../observability/logger';
import { SkipRun, type StepRecord, type WorkflowContext, type WorkflowStep } from './types';

export const DEFAULT_STEP_RETRIES = 3;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Backoff before retry `attempt` (1-based). A cron invocation has at most 15 minutes of wall
 * time and a request far less, so the waits stay at seconds: with the default 3 retries and a
 * 500 ms base a failing step waits 0.5 + 1 + 2 s in all. Longer outages are for a retried run.
 */
export const backoffMs = (base: number, attempt: number) => Math.min(base * 2 ** (attempt - 1), 5_000);

/**
 * Runs one step with its retries; a SkipRun ends at once. `beat` is awaited before every attempt:
 * it records the step as running, which is the run's heartbeat. A throw from `beat` is not a step
 * failure and is not retried: it ends the step at once (the run was taken over).
 */
export async function runStep(
  step: WorkflowStep,
  context: WorkflowContext,
  outputs: Record<string, unknown>,
  retryBaseMs: number,
  beat: (record: StepRecord) => Promise<void>,
): Promise<StepRecord> {
  const startedAt = Date.now();
  const retries = step.retries ?? DEFAULT_STEP_RETRIES;
  for (let attempt = 1; ; attempt += 1) {
    await beat({ name: step.name, status: 'running', attempts: attempt, startedAt, costMicros: 0 });
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
