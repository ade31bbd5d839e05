import type { D1Db } from '../db/d1';
import { errorFields, type Logger } from '../observability/logger';
import { workflowById } from './registry';
import type { EngineOptions } from './run-engine';
import type { WorkflowRunRow } from './run-history';
import { type RunLauncher, resumeRun } from './run-workflow';
import { failInterrupted, findStaleRuns, interruptedStep, interruptionText } from './stale-runs';
import type { WorkflowDefinition } from './types';

export interface RunSweepOptions extends Omit<EngineOptions, 'retryBaseMs'> {
  /** Times the sweep carries an interrupted run on; past it the run fails and the owner is told. */
  maxResumes: number;
  /** Runs handled per sweep; the rest wait for the next. */
  limit: number;
}

export type SweptRun =
  | { runId: string; workflow: string; action: 'resumed' }
  | { runId: string; workflow: string; action: 'failed'; error: string };

/** The first step of the workflow the run has not ended: where a retry of it starts. */
function firstUnfinished(workflow: WorkflowDefinition | undefined, run: WorkflowRunRow): string | null {
  const ended = new Set(
    (run.steps ?? []).filter((step) => step.status === 'succeeded' || step.status === 'reused').map((s) => s.name),
  );
  return workflow?.steps.find((step) => !ended.has(step.name))?.name ?? interruptedStep(run)?.name ?? null;
}

/**
 * Finds runs left `running` by a crash and ends each: run again, skipping the steps that ended,
 * while it has been resumed fewer than `maxResumes` times, else failed (retryable from that step)
 * with the owner alerted. A run another sweep or a retry takes first is left to it.
 */
export async function sweepStaleRuns(
  db: D1Db,
  registry: readonly WorkflowDefinition[],
  options: RunSweepOptions,
  launcher: RunLauncher,
  log: Logger,
): Promise<SweptRun[]> {
  const cutoff = Date.now() - options.staleAfterMs;
  const stale = await findStaleRuns(db, cutoff, options.limit);
  const sweep: Sweep = { db, registry, options, launcher, log, cutoff };
  const swept = await Promise.all(
    stale.map((run) =>
      sweepOne(sweep, run).catch((error: unknown) => {
        // One run's trouble (D1 unreachable mid-way) leaves it for the next sweep, not the others.
        log.error('interrupted workflow run not swept', { runId: run.id, ...errorFields(error) });
        return undefined;
      }),
    ),
  );
  return swept.filter((entry) => entry !== undefined);
}

interface Sweep {
  db: D1Db;
  registry: readonly WorkflowDefinition[];
  options: RunSweepOptions;
  launcher: RunLauncher;
  log: Logger;
  /** Heartbeats at or before this are stale. */
  cutoff: number;
}

async function sweepOne(sweep: Sweep, run: WorkflowRunRow): Promise<SweptRun | undefined> {
  const { db, options, log, cutoff } = sweep;
  const workflow = workflowById(run.workflow, sweep.registry);
  if (workflow && run.resumes < options.maxResumes) {
    const outcome = await resumeRun(db, run, sweep.launcher, options.staleAfterMs);
    if (outcome.status === 'duplicate') return undefined;
    return { runId: run.id, workflow: run.workflow, action: 'resumed' };
  }
  const why = workflow
    ? `resumed ${run.resumes} time(s) already, so not again; retry it from its failed step`
    : 'its workflow is no longer registered';
  const error = `${interruptionText(run)}; ${why}`;
  const step = firstUnfinished(workflow, run);
  if (!(await failInterrupted(db, run, cutoff, { error, step }))) return undefined;
  log.error('interrupted workflow run failed', { workflow: run.workflow, runId: run.id, error });
  if (workflow) {
    const attempts = interruptedStep(run)?.attempts ?? 0;
    await options
      .onFailure({ workflow, runId: run.id, step: step ?? 'start', attempts, error })
      .catch((hookError: unknown) => log.error('workflow error hook failed', errorFields(hookError)));
  }
  return { runId: run.id, workflow: run.workflow, action: 'failed', error };
}
