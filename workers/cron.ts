import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/observability/logger';
import { workflowForCron, workflows } from '../src/workflows/registry';
import { tickKey } from '../src/workflows/run-workflow';
import type { WorkflowDefinition } from '../src/workflows/types';
import { buildServices } from './services';
import { runWithServices } from './workflow-runner';

/** Cron Trigger -> the workflow registered for that expression, recorded once per tick. */
export async function handleScheduled(
  controller: ScheduledController,
  env: Env,
  ctx: ExecutionContext,
  registry: readonly WorkflowDefinition[] = workflows,
): Promise<void> {
  const config = loadConfig(env);
  const log = createLogger({ cron: controller.cron, tick: new Date(controller.scheduledTime).toISOString() });
  const workflow = workflowForCron(controller.cron, registry);
  if (!workflow) {
    // Not thrown: a throw would make the platform retry a tick that can never succeed.
    log.error('no workflow registered for cron expression');
    return;
  }
  const services = buildServices(env, config, { log, background: (work) => ctx.waitUntil(work) });
  try {
    const outcome = await runWithServices({ env, config, services, log }, workflow, {
      trigger: 'cron',
      cron: controller.cron,
      tick: controller.scheduledTime,
      idempotencyKey: tickKey(workflow.id, controller.scheduledTime),
    });
    log.info('workflow run', { workflow: workflow.id, ...outcome });
  } finally {
    ctx.waitUntil(services.dispose());
  }
}
