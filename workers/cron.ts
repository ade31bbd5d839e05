import { loadConfig } from '../src/config/config';
import { createLogger, errorFields } from '../src/observability/logger';
import { workflows } from '../src/workflows/registry';
import { tickKey } from '../src/workflows/run-workflow';
import { dueSlot, SCHEDULE_TRIGGER } from '../src/workflows/schedule';
import type { WorkflowDefinition } from '../src/workflows/types';
import { buildServices } from './services';
import { sweepQuietly } from './sweep';
import { type RunnerScope, startWithServices } from './workflow-runner';

/**
 * The schedule trigger, every five minutes: starts a run of every workflow with a slot due in
 * SCHEDULE_TIMEZONE (once per slot, however many ticks see it), and sweeps what a crash left
 * unfinished.
 */
export async function handleScheduled(
  controller: ScheduledController,
  env: Env,
  ctx: ExecutionContext,
  registry: readonly WorkflowDefinition[] = workflows,
): Promise<void> {
  const config = loadConfig(env);
  const log = createLogger({ cron: controller.cron, tick: new Date(controller.scheduledTime).toISOString() });
  if (controller.cron !== SCHEDULE_TRIGGER) {
    // Not thrown: a throw would make the platform retry a tick that can never succeed.
    log.error('unknown cron trigger: wrangler.toml lists only the schedule trigger', { expected: SCHEDULE_TRIGGER });
    return;
  }
  const services = buildServices(env, config, { log, background: (work) => ctx.waitUntil(work) });
  const scope: RunnerScope = { env, config, services, log };
  const due = registry.flatMap((workflow) => {
    const slot = dueSlot(workflow.cron, config.workflows.timezone, controller.scheduledTime);
    return slot === undefined ? [] : [{ workflow, slot }];
  });
  try {
    await Promise.all([
      ...due.map(({ workflow, slot }) => startSlot(scope, workflow, slot)),
      sweepQuietly(scope, registry),
    ]);
  } finally {
    ctx.waitUntil(services.dispose());
  }
}

async function startSlot(scope: RunnerScope, workflow: WorkflowDefinition, slot: number) {
  try {
    const outcome = await startWithServices(scope, workflow, {
      trigger: 'cron',
      cron: workflow.cron,
      tick: slot,
      idempotencyKey: tickKey(workflow.id, slot),
    });
    if (outcome.status !== 'duplicate') scope.log.info('workflow run', { workflow: workflow.id, ...outcome });
  } catch (error) {
    // One workflow's start failing (D1 or the Workflows binding) leaves the others; the next tick tries again.
    scope.log.error('workflow run not started', { workflow: workflow.id, ...errorFields(error) });
  }
}
