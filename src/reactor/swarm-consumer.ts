import { exponentialBackoff } from '../lib/backoff';
import { errorMessage } from '../lib/error-message';
import { inParallel } from '../lib/in-parallel';
import { NoRouteError, OverBudgetError, UpstreamError } from '../llm/errors';
import type { LlmRouter } from '../llm/router';
import type { Logger } from '../observability/logger';
import { errorFields } from '../observability/logger';
import { type Delivery, QUEUE_RETRY_CAP_SECONDS } from '../queue/consume';
import { runJob } from './run-job';
import { type StepToolDeps, stepToolRunner } from './step-tools';
import type { JobReport, JobSpec } from './swarm-types';
import type { TaskDefinition } from './task-schema';

export interface SwarmJob {
  kind: 'swarm.job';
  runId: string;
  job: number;
}

export interface SwarmRunClient {
  claim(
    jobs: number[],
  ): Promise<{ runId: string; task: TaskDefinition; inputs: Record<string, unknown>; jobs: JobSpec[] } | null>;
  report(reports: JobReport[]): Promise<{ finished: boolean }>;
  /** Ends the run: no job is left pending or in flight. */
  cancel(): Promise<unknown>;
}

export interface SwarmDeps {
  run(runId: string): SwarmRunClient;
  router: LlmRouter;
  /** Whether the agent a task runs as is paused: its runs stop rather than spend. */
  agentPaused(agent: TaskDefinition['agent']): Promise<boolean>;
  queue: Queue;
  log: Logger;
  /** Jobs of one batch run side by side. */
  concurrency: number;
  retryBaseSeconds: number;
  /** What task steps with tools need: web search, fetch rules and limits, and the audit log. */
  tools?: Omit<StepToolDeps, 'router'>;
}

const onlyRateLimited = (error: UpstreamError) =>
  error.attempts.length > 0 &&
  error.attempts.every((attempt) => attempt.status === 429 || attempt.kind === 'circuit_open');

/** A job that has to wait (over budget, providers throttling) waits without using up its retries. */
function waitSeconds(error: unknown): number | undefined {
  if (error instanceof OverBudgetError)
    return Math.min(43_200, Math.max(5, Math.ceil((error.refusal.retryAt - Date.now()) / 1000)));
  if (error instanceof UpstreamError && onlyRateLimited(error)) return 30;
  return undefined;
}

/** Runs a batch of swarm jobs, reports each to its run once, and acks, retries or re-queues each message. */
export async function runSwarmJobs(deliveries: Delivery<SwarmJob>[], deps: SwarmDeps): Promise<void> {
  const byRun = new Map<string, Delivery<SwarmJob>[]>();
  for (const delivery of deliveries)
    byRun.set(delivery.job.runId, [...(byRun.get(delivery.job.runId) ?? []), delivery]);
  for (const [runId, group] of byRun) {
    const run = deps.run(runId);
    const claimed = await run.claim(group.map((delivery) => delivery.job.job));
    if (claimed && (await deps.agentPaused(claimed.task.agent))) {
      deps.log.info('swarm run stopped: its agent is paused', { runId, agent: claimed.task.agent });
      await run.cancel();
      for (const { message } of group) message.ack();
      continue;
    }
    const open = new Map((claimed?.jobs ?? []).map((spec) => [spec.job, spec]));
    const reports: JobReport[] = [];
    const settle: (() => void)[] = [];
    await inParallel(group, deps.concurrency, async ({ job, message }) => {
      const spec = open.get(job.job);
      // Ended, cancelled or a redelivery of finished work: nothing to do.
      if (!claimed || !spec) {
        settle.push(() => message.ack());
        return;
      }
      const execution = crypto.randomUUID();
      let spent = 0;
      try {
        const outcome = await runJob(
          claimed.task,
          {
            inputs: claimed.inputs,
            item: spec.item,
            requestId: `${runId}:${job.job}:${execution}`,
            scopes: { run: runId, task: claimed.task.name, agent: claimed.task.agent },
          },
          deps.router,
          (micros) => {
            spent += micros;
          },
          deps.tools && stepToolRunner({ ...deps.tools, router: deps.router }, claimed.task, runId),
        );
        reports.push({
          job: job.job,
          execution,
          costMicros: outcome.costMicros,
          outcome: { ok: true, result: outcome.result },
        });
        settle.push(() => message.ack());
      } catch (error) {
        const text = errorMessage(error);
        const wait = waitSeconds(error);
        const final = error instanceof NoRouteError;
        const retryIn = wait ?? exponentialBackoff(message.attempts, deps.retryBaseSeconds, QUEUE_RETRY_CAP_SECONDS);
        reports.push({
          job: job.job,
          execution,
          costMicros: spent,
          // The run waits out the retry's delay before counting the job as lost.
          outcome: { ok: false, error: text.slice(0, 500), final, ...(final ? {} : { retryInSeconds: retryIn }) },
        });
        if (wait !== undefined) {
          settle.push(() => message.ack());
          await deps.queue.send(job, { delaySeconds: wait });
        } else if (final) settle.push(() => message.ack());
        else settle.push(() => message.retry({ delaySeconds: retryIn }));
        deps.log.warn('swarm job did not finish', { runId, job: job.job, wait, ...errorFields(error) });
      }
    });
    // The run asks for its reduce step itself once its last job reports.
    if (reports.length > 0) await run.report(reports);
    for (const done of settle) done();
  }
}
