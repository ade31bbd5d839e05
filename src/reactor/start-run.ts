import { ConflictError } from '../lib/domain-errors';
import { errorMessage } from '../lib/error-message';
import { jobItems } from './fanout';
import { checkInputs, type InputProblem } from './inputs';
import type { TaskRecord } from './registry';
import type { RunProgress, RunSpec } from './swarm-types';

export interface StartDeps {
  /** Whether the agent a task runs as is paused: a paused agent's task does not start. */
  agentPaused(agent: TaskRecord['definition']['agent']): Promise<boolean>;
  /** Sets the run's own budget cap (its scope is `run:<id>`). */
  capRun(runId: string, micros: number): Promise<void>;
  createRun(spec: RunSpec): Promise<RunProgress>;
  indexRun(run: { id: string; task: string; taskVersion: number; total: number; requestedBy: string }): Promise<void>;
}

export class RunInputError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems[0] ? `${problems[0].path}: ${problems[0].message}` : 'invalid inputs');
    this.name = 'RunInputError';
  }
}

/** Validates inputs, caps the run's budget, creates its Durable Object (which queues the jobs) and indexes it. */
export async function startRun(
  record: TaskRecord,
  /** `runId`: a caller that may start the same run twice (a workflow step run again) names it, so the second start finds the first. */
  request: { inputs: unknown; fanout?: number; requestedBy: string; runId?: string },
  deps: StartDeps,
): Promise<RunProgress> {
  const task = record.definition;
  if (await deps.agentPaused(task.agent))
    throw new ConflictError(`${task.name} runs as ${task.agent}, which is paused; resume ${task.agent} first`);
  const checked = checkInputs(task, request.inputs);
  if (!checked.ok) throw new RunInputError(checked.problems);
  let items: unknown[];
  try {
    items = jobItems(task, checked.inputs, request.fanout);
  } catch (error) {
    throw new RunInputError([{ path: 'fanout', message: errorMessage(error) }]);
  }
  if (items.length === 0) throw new RunInputError([{ path: 'fanout', message: 'the fan-out list is empty' }]);
  const runId = request.runId ?? crypto.randomUUID();
  await deps.capRun(runId, Math.floor(task.budget.max_run_usd * 1_000_000));
  await deps.indexRun({
    id: runId,
    task: task.name,
    taskVersion: record.version,
    total: items.length,
    requestedBy: request.requestedBy,
  });
  return deps.createRun({
    runId,
    task,
    taskVersion: record.version,
    inputs: checked.inputs,
    items,
    maxInFlight: task.max_in_flight,
    requestedBy: request.requestedBy,
  });
}
