import type { WorkflowRunRow } from './run-history';
import type { RunRequest } from './run-workflow';
import { isStale } from './stale-runs';

export type RetryRefusal = 'in_progress' | 'not_retryable' | 'unknown_workflow';

/** How a retry goes: the crashed run taken over in place, a new run from the failed step, or refused. */
export type RetryPlan<W> = { resume: WorkflowRunRow } | { start: RunRequest; workflow: W } | { refused: RetryRefusal };

/**
 * A failed run is retried as a new run from its failed step (once per failed run: the retry's
 * idempotency key is the run's id); one interrupted by a crash (running, no progress for the
 * stale deadline) is taken over in place. A run still making progress, or of a workflow no longer
 * registered, is refused, as is any run that ended otherwise.
 */
export function planRetry<W>(
  run: WorkflowRunRow,
  workflow: W | undefined,
  now: number,
  staleAfterMs: number,
): RetryPlan<W> {
  if (run.status === 'running') {
    if (!isStale(run, now, staleAfterMs)) return { refused: 'in_progress' };
    if (!workflow) return { refused: 'unknown_workflow' };
    return { resume: run };
  }
  if (run.status !== 'failed') return { refused: 'not_retryable' };
  if (!workflow) return { refused: 'unknown_workflow' };
  return {
    workflow,
    start: {
      trigger: 'retry',
      cron: run.cron,
      tick: run.tick ?? now,
      idempotencyKey: `retry:${run.id}`,
      retryOf: run,
      input: run.input ?? {},
    },
  };
}
