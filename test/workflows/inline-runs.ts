import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/observability/logger';
import { workflowForCron } from '../../src/workflows/registry';
import { type DurableSteps, type RunLauncher, startRun, tickKey } from '../../src/workflows/run-workflow';
import type { WorkflowDefinition } from '../../src/workflows/types';
import { buildServices } from '../../workers/services';
import { type RunnerScope, runInstance } from '../../workers/workflow-runner';

/** Durable steps without the platform: each step tried at once, up to its retries. */
const inlineSteps: DurableSteps = {
  async do(_name, retries, work) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work(attempt);
      } catch (error) {
        if (attempt > retries) throw error;
      }
    }
  },
};

const inlineLauncher = (scope: RunnerScope): RunLauncher => {
  const run = async (runId: string) => {
    await runInstance(scope, runId, inlineSteps);
  };
  return { launch: run, relaunch: run };
};

/**
 * Runs one tick's workflow with other bindings or settings than the Worker's own. A Workflow
 * instance always gets the Worker's env, so these runs execute their steps here, with `env`,
 * through the same runner; everything else about them is as a tick's.
 */
export async function runTickWith(env: Env, cron: string, tick: number, registry?: readonly WorkflowDefinition[]) {
  const config = loadConfig(env);
  const log = createLogger({ test: 'workflows', cron });
  const services = buildServices(env, config, { log, background: () => undefined });
  const workflow = workflowForCron(cron, registry);
  if (!workflow) throw new Error(`no workflow for ${cron}`);
  try {
    const request = { trigger: 'cron' as const, cron, tick, idempotencyKey: tickKey(workflow.id, tick) };
    const scope = { env, config, services, log };
    return await startRun(services.d1, workflow, request, inlineLauncher(scope), config.workflows.staleAfterMs);
  } finally {
    await services.dispose();
  }
}
