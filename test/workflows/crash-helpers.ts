import { env } from 'cloudflare:workers';
import type { StepRecord } from '../../src/db/d1-schema';
import { workflows } from '../../src/workflows/registry';
import type { WorkflowDefinition, WorkflowStep } from '../../src/workflows/types';
import { sweep } from '../../workers/sweep';
import { installWorkflows, runnerScope, settleRuns } from './helpers';

export const MINUTE = 60_000;

/** A step that counts its runs and records the earlier outputs it was handed. */
export function countingStep(name: string, calls: { n: number; handed: unknown[] }): WorkflowStep {
  return {
    name,
    async run(_context, outputs) {
      calls.n += 1;
      calls.handed.push({ ...outputs });
      return { output: { [name]: calls.n }, costMicros: 5 };
    },
  };
}

export const counter = () => ({ n: 0, handed: [] as unknown[] });

export function workflow(id: string, steps: WorkflowStep[]): WorkflowDefinition {
  return { id, title: `Test ${id}`, cron: '59 23 31 12 *', steps };
}

export const doneStep = (name: string, output: unknown, startedAt: number): StepRecord => ({
  name,
  status: 'succeeded',
  attempts: 1,
  startedAt,
  endedAt: startedAt + 1_000,
  costMicros: 5,
  output,
});

export const runningStep = (name: string, startedAt: number): StepRecord => ({
  name,
  status: 'running',
  attempts: 1,
  startedAt,
  costMicros: 0,
});

/**
 * Writes a run as a crash leaves it: `running`, its steps recorded up to the one that was cut off,
 * its heartbeat where the last step write left it. Nothing runs it any more.
 */
export async function crashedRun(fields: {
  workflow: string;
  lastProgressAt: number;
  steps: StepRecord[];
  key?: string;
  trigger?: 'cron' | 'manual' | 'retry';
  resumes?: number;
}): Promise<string> {
  const id = crypto.randomUUID();
  const startedAt = fields.steps[0]?.startedAt ?? fields.lastProgressAt;
  await env.DB.prepare(
    `insert into workflow_runs (id, workflow, trigger, cron, tick, idempotency_key, status, started_at,
       cost_micros, steps, updated_at, resumes)
     values (?, ?, ?, null, ?, ?, 'running', ?, 5, ?, ?, ?)`,
  )
    .bind(
      id,
      fields.workflow,
      fields.trigger ?? 'manual',
      startedAt,
      fields.key ?? `manual:${fields.workflow}:${id}`,
      startedAt,
      JSON.stringify(fields.steps),
      fields.lastProgressAt,
      fields.resumes ?? 0,
    )
    .run();
  return id;
}

/** Sweeps as every tick of the schedule trigger does, with these workflows known, and waits for what it started. */
export async function sweepTick(registry: readonly WorkflowDefinition[] = workflows) {
  installWorkflows(registry);
  const since = Date.now();
  await sweep(runnerScope(), registry);
  await settleRuns(since);
}

export interface RunRecord {
  id: string;
  status: string;
  error: string | null;
  failed_step: string | null;
  resumes: number;
  updated_at: number;
  ended_at: number | null;
  retry_of: string | null;
  steps: string | null;
}

export const runRecord = (id: string) =>
  env.DB.prepare('select * from workflow_runs where id = ?').bind(id).first<RunRecord>();
