import { type DeferralSweepReport, sweepDeferrals } from '../src/llm/deferral-sweep';
import { errorFields } from '../src/observability/logger';
import { workflows } from '../src/workflows/registry';
import type { SweptRun } from '../src/workflows/sweep-runs';
import type { WorkflowDefinition } from '../src/workflows/types';
import { deferredRunDeps } from './deferred-calls';
import { type RunnerScope, sweepRunsWithServices } from './workflow-runner';

// Deferrals looked at per sweep, and calls sent at once: a sweep after an outage may find hundreds.
const DEFERRAL_LIMIT = 200;
const DEFERRAL_CONCURRENCY = 8;

export interface SweepReport {
  runs: SweptRun[];
  deferrals: DeferralSweepReport;
}

/**
 * Ends what a crash left unfinished: workflow runs `running` with no progress past the deadline,
 * and deferred calls whose queue message was lost. Queue messages, cron invocations and dev
 * servers die; the D1 rows are the record of what is outstanding, and this reads them.
 */
export async function sweep(scope: RunnerScope, registry: readonly WorkflowDefinition[] = workflows) {
  const [runs, deferrals] = await Promise.all([
    sweepRunsWithServices(scope, registry),
    sweepDeferrals(deferredRunDeps(scope.env, scope.services), {
      staleAfterMs: scope.config.workflows.staleAfterMs,
      limit: DEFERRAL_LIMIT,
      concurrency: DEFERRAL_CONCURRENCY,
      log: scope.log,
    }),
  ]);
  const report: SweepReport = { runs, deferrals };
  if (runs.length > 0 || deferrals.woken > 0) scope.log.info('sweep', { ...report });
  return report;
}

/** For a cron tick: a failed sweep is logged and tried again on the next tick, never thrown. */
export async function sweepQuietly(scope: RunnerScope, registry?: readonly WorkflowDefinition[]) {
  await sweep(scope, registry).catch((error: unknown) => scope.log.error('sweep failed', errorFields(error)));
}
