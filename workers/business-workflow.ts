import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep, type WorkflowStepConfig } from 'cloudflare:workers';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/observability/logger';
import type { DurableSteps } from '../src/workflows/run-workflow';
import { buildServices } from './services';
import { runInstance } from './workflow-runner';

/** What an instance is created with: the run it executes; the run's record in D1 says the rest. */
export interface RunParams {
  runId: string;
}

/**
 * Every workflow run is one instance of this Workflow, its id the run's id. Each step of the run is
 * a `step.do`: retried with backoff by the platform, and in production its own invocation, so a
 * run of several LLM steps survives an evicted isolate.
 */
export class BusinessWorkflow extends WorkflowEntrypoint<Env, RunParams> {
  override async run(event: Readonly<WorkflowEvent<RunParams>>, step: WorkflowStep) {
    const config = loadConfig(this.env);
    const log = createLogger({ runId: event.payload.runId });
    // Leases close as soon as each call settles: a step's invocation may end before an idle timer fires.
    const services = buildServices(this.env, config, {
      log,
      background: (work) => this.ctx.waitUntil(work),
      leaseIdleMs: 0,
    });
    try {
      const scope = { env: this.env, config, services, log };
      return await runInstance(scope, event.payload.runId, durableSteps(step, config.workflows.retryBaseMs));
    } finally {
      this.ctx.waitUntil(services.dispose());
    }
  }
}

interface PlainStep {
  do(
    name: string,
    config: WorkflowStepConfig,
    work: (context: { attempt: number }) => Promise<unknown>,
  ): Promise<unknown>;
}

function durableSteps(step: WorkflowStep, retryBaseMs: number): DurableSteps {
  // The answers are plain JSON (step records and outcomes); the platform's generic asks for proof of that.
  const plain = step as unknown as PlainStep;
  return {
    do: async <T>(name: string, retries: number, work: (attempt: number) => Promise<T>) => {
      const config: WorkflowStepConfig = { retries: { limit: retries, delay: retryBaseMs, backoff: 'exponential' } };
      return (await plain.do(name, config, (context) => work(context.attempt))) as T;
    },
  };
}
