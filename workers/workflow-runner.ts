import { spendBetween } from '../src/budget/spend-query';
import { configuredAlerter } from '../src/channels/alerts/configured';
import { createEmailSender } from '../src/channels/email';
import { ownerNotifier } from '../src/channels/owner-notifier';
import { createXClient } from '../src/channels/x/client';
import type { Config } from '../src/config/config';
import { buildPublishers } from '../src/content/publishers';
import { stableUuid } from '../src/lib/stable-uuid';
import { refuseOverBudget } from '../src/llm/over-budget-policy';
import type { LlmRouter } from '../src/llm/router';
import type { ChatRequest } from '../src/llm/types';
import { runHealthChecks } from '../src/observability/health';
import { errorFields, type Logger } from '../src/observability/logger';
import type { Services } from '../src/services';
import { workflowById, workflows } from '../src/workflows/registry';
import { planRetry, type RetryRefusal } from '../src/workflows/retry-rule';
import { executeRun } from '../src/workflows/run-engine';
import { findRun, type WorkflowRunRow } from '../src/workflows/run-history';
import {
  type DurableSteps,
  planOf,
  type RunOutcome,
  type RunRequest,
  requestOf,
  resumeRun,
  type StartOutcome,
  startRun,
  type WorkflowFailure,
} from '../src/workflows/run-workflow';
import { sweepStaleRuns } from '../src/workflows/sweep-runs';
import type { WorkflowContext, WorkflowDefinition } from '../src/workflows/types';
import { rememberQuietly } from '../src/workflows/workflow-memory';
import { backupPort } from './backup-port';
import { healthPort } from './health-port';
import { startTaskWith } from './run-task-action';
import { workflowLauncher } from './workflow-launcher';

// Interrupted runs handled per sweep; more are rare (one crash stops a few runs) and wait for the next tick.
const SWEEP_RUN_LIMIT = 20;

export interface RunnerScope {
  env: Env;
  config: Config;
  services: Services;
  log: Logger;
}

export const failureText = (failure: WorkflowFailure) =>
  [
    `Workflow ${failure.workflow.title} (${failure.workflow.id}) failed at step "${failure.step}" after ${failure.attempts} attempts: ${failure.error}`,
    `Run ${failure.runId}. Retry from the failed step: POST /api/workflows/runs/${failure.runId}/retry`,
  ].join('\n');

/** The ports a workflow's steps use, wired to this Worker's bindings. */
export function workflowContext(scope: RunnerScope, workflow: WorkflowDefinition, request: RunRequest, runId: string) {
  const { env, config, services } = scope;
  const notifier = ownerNotifier(config.telegram);
  const log = scope.log.child({ workflow: workflow.id, runId });
  const alerter = configuredAlerter(config, log);
  let refusing: LlmRouter | undefined;
  // Over budget a workflow's call is refused, not deferred: a deferred answer would reach no step.
  const refusingLlm = {
    chat(chatRequest: ChatRequest) {
      refusing ??= services.llm(refuseOverBudget);
      return refusing.chat(chatRequest);
    },
  };
  const context: WorkflowContext = {
    runId,
    trigger: request.trigger,
    tick: request.tick,
    input: request.input ?? {},
    log,
    checkHealth: () => runHealthChecks(services.healthChecks(), config.healthTimeoutMs),
    d1: services.d1,
    llm: { chat: (chatRequest) => services.llm().chat(chatRequest) },
    notifyOwner: (text) => notifier.notify(text),
    alert: (alert) => alerter.alert(alert),
    // Named after the workflow run, so a step run again after a crash finds the swarm it started.
    startTask: async (name, inputs) => {
      const taskRunId = await stableUuid(`${runId}:task:${name}`);
      const requestedBy = `workflow:${workflow.id}`;
      return (await startTaskWith(env, services.postgres(), name, inputs, requestedBy, undefined, taskRunId)).runId;
    },
    remember: (lesson) => rememberQuietly(services.memory, workflow.id, lesson, scope.log),
    sales: {
      email: createEmailSender(config.email),
      publicBaseUrl: config.email.publicBaseUrl,
      llm: refusingLlm,
    },
    content: {
      slots: config.content.slots,
      ideasPerDay: config.content.ideasPerDay,
      timezone: config.content.timezone,
      llm: refusingLlm,
      publishers: () => buildPublishers(config.content, config.email),
      xMentions: () => {
        const x = config.content.xMentions;
        return x ? { client: createXClient(x), userId: x.userId } : undefined;
      },
      xClient: () => (config.content.x ? createXClient(config.content.x) : undefined),
      leadResearch: config.content.leadResearch,
    },
    health: healthPort(env, config, services),
    backup: backupPort(env, config, services),
    review: {
      spend: async (from, to, by) => {
        const db = services.postgres()?.db;
        return db ? spendBetween(db, new Date(from), new Date(to), by) : [];
      },
      currency: config.budget.currency,
      currencyPerUsd: config.budget.currencyPerUsd,
      contentPlan: config.content,
      llm: refusingLlm,
    },
  };
  return context;
}

/** The engine's settings and error hook, wired to this Worker's memory and alert sinks. */
function engineOptions(scope: RunnerScope) {
  return {
    retryBaseMs: scope.config.workflows.retryBaseMs,
    staleAfterMs: scope.config.workflows.staleAfterMs,
    maxResumes: scope.config.workflows.maxResumes,
    // The error hook: the failure is already on the run; every alert sink hears of it at once.
    onFailure: async (failure: WorkflowFailure) => {
      await rememberQuietly(
        scope.services.memory,
        failure.workflow.id,
        {
          text: `${failure.workflow.title} failed at step "${failure.step}" after ${failure.attempts} attempts: ${failure.error}`,
          kind: 'lesson',
          tags: ['failure', failure.step],
        },
        scope.log,
      );
      const alert = {
        kind: 'workflow_failed',
        severity: 'page',
        title: `Workflow ${failure.workflow.title} failed at step "${failure.step}"`,
        text: failureText(failure),
      } as const;
      await configuredAlerter(scope.config, scope.log)
        .alert(alert)
        .catch((error: unknown) => {
          scope.log.error('workflow failure alert not delivered', { runId: failure.runId, ...errorFields(error) });
        });
    },
  };
}

/** Starts a run of a workflow, for a cron tick or a request through the API: it runs as its own Workflow instance. */
export function startWithServices(
  scope: RunnerScope,
  workflow: WorkflowDefinition,
  request: RunRequest,
): Promise<StartOutcome> {
  const { services, env, config } = scope;
  return startRun(services.d1, workflow, request, workflowLauncher(env), config.workflows.staleAfterMs);
}

export type InstanceOutcome = RunOutcome | { runId: string; status: 'not_running' | 'unknown_workflow' };

/**
 * What a run's Workflow instance does: reads the run, skips the steps it shows ended, and runs the
 * rest as durable steps. A run that has already ended (a replay after its last write) is left alone.
 */
export async function runInstance(
  scope: RunnerScope,
  runId: string,
  durable: DurableSteps,
  registry: readonly WorkflowDefinition[] = workflows,
): Promise<InstanceOutcome> {
  const db = scope.services.d1;
  const run = await findRun(db, runId);
  if (run?.status !== 'running') return { runId, status: 'not_running' };
  const workflow = workflowById(run.workflow, registry);
  if (!workflow) {
    scope.log.error('workflow run of an unregistered workflow', { runId, workflow: run.workflow });
    return { runId, status: 'unknown_workflow' };
  }
  const context = workflowContext(scope, workflow, requestOf(run), runId);
  const handle = { runId, generation: run.resumes };
  return executeRun(db, workflow, handle, await planOf(db, run), context, engineOptions(scope), durable);
}

export type RetryOutcome = StartOutcome | { refused: RetryRefusal };

/** Retries a run as `planRetry` says: taken over in place, or started again from its failed step. */
export async function retryRun(
  scope: RunnerScope,
  run: WorkflowRunRow,
  registry: readonly WorkflowDefinition[] = workflows,
): Promise<RetryOutcome> {
  const { staleAfterMs } = scope.config.workflows;
  const plan = planRetry(run, workflowById(run.workflow, registry), Date.now(), staleAfterMs);
  if ('refused' in plan) return plan;
  if ('resume' in plan) return resumeRun(scope.services.d1, plan.resume, workflowLauncher(scope.env), staleAfterMs);
  return startWithServices(scope, plan.workflow, plan.start);
}

/** Ends every run a crash left running: run again from its first unfinished step, or failed and alerted. */
export function sweepRunsWithServices(scope: RunnerScope, registry: readonly WorkflowDefinition[] = workflows) {
  return sweepStaleRuns(
    scope.services.d1,
    registry,
    { ...engineOptions(scope), limit: SWEEP_RUN_LIMIT },
    workflowLauncher(scope.env),
    scope.log,
  );
}
