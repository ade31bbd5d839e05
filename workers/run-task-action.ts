import type { Context } from 'hono';
import { agentObject, budgetLedger, swarmRunObject } from '../durable-objects/clients';
import { createAction, type Priority } from '../src/agents/actions-store';
import type { PostgresDatabase, PostgresHandle } from '../src/db/postgres';
import { findTask } from '../src/reactor/registry';
import { indexRun } from '../src/reactor/run-index';
import { RunInputError, type StartDeps, startRun } from '../src/reactor/start-run';
import type { AppEnv } from './http/app-env';
import { auditNote } from './http/audit';
import { AppError } from './http/errors';

/** Starts a swarm run for one task and records the action that asked for it. */
export async function startTaskRun(c: Context<AppEnv>, name: string, inputs: Record<string, unknown>, fanout?: number) {
  try {
    const progress = await startTaskWith(
      c.env,
      c.var.services.postgres(),
      name,
      inputs,
      c.var.principal.clientId,
      fanout,
    );
    auditNote(c, { target: { type: 'runs', id: progress.runId }, details: { task: name, jobs: progress.total } });
    return progress;
  } catch (error) {
    if (error instanceof RunInputError)
      throw new AppError('invalid_request', `Invalid inputs: ${error.message}`, error.problems);
    throw error;
  }
}

/** Starts a swarm run outside a request (workflows): the same path as the API, without its Hono context. */
export async function startTaskWith(
  env: Env,
  postgres: PostgresHandle | undefined,
  name: string,
  inputs: Record<string, unknown>,
  requestedBy: string,
  fanout?: number,
  runId?: string,
) {
  if (!postgres) throw new AppError('unavailable', 'Swarm runs need Postgres (DATABASE_URL)');
  const record = await findTask(postgres.db, name);
  if (!record) throw new AppError('not_found', `No task named ${name}`);
  return startRun(record, { inputs, fanout, requestedBy, runId }, runStartDeps(env, postgres.db));
}

/** What starting a run needs from this Worker: the agent's state, the run's cap, its index row and object. */
export function runStartDeps(env: Env, db: PostgresDatabase): StartDeps {
  return {
    agentPaused: async (agent) => (await agentObject(env, agent).summary(agent)).status === 'paused',
    capRun: async (runId, micros) => {
      const ledger = budgetLedger(env);
      await ledger.setCap({ kind: 'run', id: runId }, 'day', micros);
      await ledger.setCap({ kind: 'run', id: runId }, 'month', micros);
    },
    indexRun: (run) => indexRun(db, run),
    createRun: (spec) => swarmRunObject(env, spec.runId).create(spec),
  };
}

export async function runTaskAction(
  c: Context<AppEnv>,
  name: string,
  inputs: Record<string, unknown>,
  priority: Priority,
) {
  if (!name) throw new AppError('invalid_request', 'run-task needs the task name as its input');
  const progress = await startTaskRun(c, name, inputs);
  const postgres = c.var.services.postgres();
  const id = crypto.randomUUID();
  if (postgres) {
    await createAction(postgres.db, {
      id,
      action: 'run-task',
      input: name,
      priority,
      agents: [],
      requestedBy: c.var.principal.clientId,
      status: 'done',
    });
  }
  return {
    id,
    action: 'run-task' as const,
    status: 'queued' as const,
    runId: progress.runId,
    total: progress.total,
    href: `/api/runs/${progress.runId}`,
  };
}
