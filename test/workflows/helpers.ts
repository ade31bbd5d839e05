import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { onTestFinished } from 'vitest';
import { loadConfig } from '../../src/config/config';
import type { StepRecord } from '../../src/db/d1-schema';
import { pause } from '../../src/lib/pause';
import { createLogger } from '../../src/observability/logger';
import { workflows } from '../../src/workflows/registry';
import type { WorkflowRunRow } from '../../src/workflows/run-history';
import { SCHEDULE_TRIGGER } from '../../src/workflows/schedule';
import type { WorkflowDefinition } from '../../src/workflows/types';
import { handleScheduled } from '../../workers/cron';
import { buildServices } from '../../workers/services';
import { type RunnerScope, retryRun } from '../../workers/workflow-runner';
import { runTickWith } from './inline-runs';

export interface RunRow {
  id: string;
  workflow: string;
  trigger: string;
  cron: string | null;
  tick: number;
  status: string;
  started_at: number;
  ended_at: number | null;
  cost_micros: number;
  error: string | null;
  failed_step: string | null;
  retry_of: string | null;
  steps: string | null;
}

/**
 * Makes workflows written for a test runnable by the Worker's Workflow instances, which find a
 * run's definition in the registry (they share this module graph), until the test ends.
 */
export function installWorkflows(registry: readonly WorkflowDefinition[]) {
  const list = workflows as WorkflowDefinition[];
  const added = registry.filter((workflow) => !list.includes(workflow));
  list.push(...added);
  onTestFinished(() => {
    for (const workflow of added) list.splice(list.indexOf(workflow), 1);
  });
}

const instanceEnded = new Set(['complete', 'errored', 'terminated']);

async function waitForRuns(touched: () => Promise<{ id: string; status: string }[]>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await touched();
    const statuses = await Promise.all(
      runs.map(async (run) => {
        if (run.status === 'running') return 'running';
        const instance = await env.WORKFLOWS.get(run.id).catch(() => undefined);
        return instance ? (await instance.status()).status : 'complete';
      }),
    );
    const open = statuses.filter((status) => !instanceEnded.has(status)).length;
    if (open === 0) return;
    if (Date.now() > deadline) throw new Error(`${open} workflow run(s) still running after ${timeoutMs} ms`);
    await pause(25);
  }
}

/**
 * Waits until every run started or taken over since `since` has ended and its Workflow instance
 * is done (the failure alert comes after the run's record): runs execute in the background of
 * the request or tick that started them.
 */
export function settleRuns(since: number, timeoutMs = 30_000) {
  const touched = async () =>
    (
      await env.DB.prepare('select id, status from workflow_runs where updated_at >= ?')
        .bind(since)
        .all<{ id: string; status: string }>()
    ).results;
  return waitForRuns(touched, timeoutMs);
}

/** Waits until the run has ended and its Workflow instance is done. */
export function settleRun(runId: string, timeoutMs = 30_000) {
  const touched = async () =>
    (
      await env.DB.prepare('select id, status from workflow_runs where id = ?')
        .bind(runId)
        .all<{ id: string; status: string }>()
    ).results;
  return waitForRuns(touched, timeoutMs);
}

/** Retries a run through the Worker's runner and waits for the run that retries it to end. */
export async function retryToEnd(scope: RunnerScope, run: WorkflowRunRow, registry: readonly WorkflowDefinition[]) {
  installWorkflows(registry);
  const since = Date.now();
  const outcome = await retryRun(scope, run, registry);
  await settleRuns(since);
  return outcome;
}

/**
 * Fires the Worker's schedule trigger at `scheduledTime` for the workflows scheduled on `cron`
 * (or `registry`), so the tick starts those alone, and waits for their runs to end. With other
 * bindings or settings (`env`), the tick's run executes here.
 */
export async function fireTick(
  cron: string,
  scheduledTime: number,
  options: { env?: Env; registry?: readonly WorkflowDefinition[] } = {},
) {
  if (options.registry) installWorkflows(options.registry);
  if (options.env) {
    await runTickWith(options.env, cron, scheduledTime, options.registry);
    return;
  }
  const registry = options.registry ?? workflows.filter((workflow) => workflow.cron === cron);
  const since = Date.now();
  const ctx = createExecutionContext();
  const controller = createScheduledController({ cron: SCHEDULE_TRIGGER, scheduledTime });
  await handleScheduled(controller, env, ctx, registry);
  await waitOnExecutionContext(ctx);
  await settleRuns(since);
}

export const runsOf = async (workflow: string) =>
  (
    await env.DB.prepare('select * from workflow_runs where workflow = ? order by started_at')
      .bind(workflow)
      .all<RunRow>()
  ).results;

export const stepsOf = (run: RunRow | undefined): StepRecord[] => JSON.parse(run?.steps ?? '[]') as StepRecord[];

/** The Worker's wiring, as a request or cron tick gets it. */
export function runnerScope(): RunnerScope {
  const config = loadConfig(env);
  const log = createLogger({ test: 'workflows' });
  const services = buildServices(env, config, { log, background: () => undefined });
  return { env, config, services, log };
}

interface TelegramCall {
  method: string;
  body: { chat_id: number; text: string };
}

/** The texts the fake Telegram server was asked to send, containing `needle`. */
export async function ownerMessages(needle: string): Promise<string[]> {
  const calls = (await (await fetch(`${env.FAKE_TELEGRAM_URL}/__fake/calls`)).json()) as TelegramCall[];
  return calls
    .filter((call) => call.method === 'sendMessage' && call.body.text.includes(needle))
    .map((call) => call.body.text);
}
