import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/observability/logger';
import type { StepRecord, WorkflowDefinition } from '../../src/workflows/types';
import { handleScheduled } from '../../workers/cron';
import { buildServices } from '../../workers/services';
import type { RunnerScope } from '../../workers/workflow-runner';

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

/** Fires the Worker's scheduled handler for one tick, optionally with other bindings or workflows. */
export async function fireTick(
  cron: string,
  scheduledTime: number,
  options: { env?: Env; registry?: readonly WorkflowDefinition[] } = {},
) {
  const ctx = createExecutionContext();
  await handleScheduled(createScheduledController({ cron, scheduledTime }), options.env ?? env, ctx, options.registry);
  await waitOnExecutionContext(ctx);
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
