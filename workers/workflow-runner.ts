import type { Config } from '../src/config/config';
import { runHealthChecks } from '../src/observability/health';
import type { Logger } from '../src/observability/logger';
import type { Services } from '../src/services';
import { type RunOutcome, type RunRequest, runWorkflow } from '../src/workflows/run-workflow';
import type { WorkflowDefinition } from '../src/workflows/types';

/** Runs a workflow with this Worker's services, for a cron tick or a request through the API. */
export function runWithServices(
  config: Config,
  services: Services,
  log: Logger,
  workflow: WorkflowDefinition,
  request: RunRequest,
): Promise<RunOutcome> {
  return runWorkflow(services.d1, workflow, request, (runId) => ({
    runId,
    trigger: request.trigger,
    tick: request.tick,
    log: log.child({ workflow: workflow.id, runId }),
    checkHealth: () => runHealthChecks(services.healthChecks(), config.healthTimeoutMs),
  }));
}
