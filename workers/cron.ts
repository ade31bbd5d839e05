import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/observability/logger';
import { workflowForCron, workflows } from '../src/workflows/registry';
import { tickKey } from '../src/workflows/run-workflow';
import type { WorkflowDefinition } from '../src/workflows/types';
import { buildServices } from './services';
import { SWEEP_CRON, sweepQuietly } from './sweep';
import { type RunnerScope, startWithServices } from './workflow-runner';

/**
 * Cron Trigger -> a run of the workflow registered for that expression, started once per tick; and on
 * every tick the sweep, which ends runs and deferred calls a crash left unfinished.
 */
export async function handleScheduled(
  controller: ScheduledController,
  env: Env,
  ctx: ExecutionContext,
  registry: readonly WorkflowDefinition[] = workflows,
): Promise<void> {
  const config = loadConfig(env);
  const log = createLogger({ cron: controller.cron, tick: new Date(controller.scheduledTime).toISOString() });
  const workflow = workflowForCron(controller.cron, registry);
  if (!workflow && controller.cron !== SWEEP_CRON) {
    // Not thrown: a throw would make the platform retry a tick that can never succeed.
    log.error('no workflow registered for cron expression');
    return;
  }
  const services = buildServices(env, config, { log, background: (work) => ctx.waitUntil(work) });
  const scope: RunnerScope = { env, config, services, log };
  try {
    await Promise.all([workflow ? runTick(scope, workflow, controller) : undefined, sweepQuietly(scope, registry)]);
  } finally {
    ctx.waitUntil(services.dispose());
  }
}

async function runTick(scope: RunnerScope, workflow: WorkflowDefinition, controller: ScheduledController) {
  const outcome = await startWithServices(scope, workflow, {
    trigger: 'cron',
    cron: controller.cron,
    tick: controller.scheduledTime,
    idempotencyKey: tickKey(workflow.id, controller.scheduledTime),
  });
  scope.log.info('workflow run', { workflow: workflow.id, ...outcome });
}
