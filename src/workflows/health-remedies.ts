import { createAction } from '../agents/actions-store';
import { type AgentId, agentIds } from '../agents/personas';
import type { PostgresDatabase } from '../db/postgres';

const REQUESTED_BY = 'workflow:health_check';
const ACTIVE = new Set(['running', 'reducing']);

/** A swarm run's object as the health check stops it. */
export interface StoppableRun {
  status(): Promise<{ progress: { status: string } } | null | undefined>;
  cancel(): Promise<unknown>;
}

/** An agent's object as the health check pauses it. */
export interface PausableAgent {
  status(): Promise<string>;
  pause(): Promise<unknown>;
}

/** Cancels the pending jobs of each run that is still running by its own object; returns the ones it stopped. */
export async function stopRunningSwarmRuns(ids: string[], run: (id: string) => StoppableRun): Promise<string[]> {
  const stopped: string[] = [];
  for (const id of ids) {
    const target = run(id);
    const status = await target.status();
    if (!status || !ACTIVE.has(status.progress.status)) continue;
    await target.cancel();
    stopped.push(id);
  }
  return stopped;
}

/**
 * Pauses every agent not paused yet and returns those it paused, with the same audit row as a
 * pause through POST /api/action or a chat command (when Postgres is there to hold it).
 */
export async function pauseEveryAgent(
  agent: (id: AgentId) => PausableAgent,
  auditLog: PostgresDatabase | undefined,
): Promise<AgentId[]> {
  const paused: AgentId[] = [];
  for (const id of agentIds) {
    const target = agent(id);
    if ((await target.status()) === 'paused') continue;
    await target.pause();
    paused.push(id);
  }
  if (auditLog && paused.length > 0) {
    await createAction(auditLog, {
      id: crypto.randomUUID(),
      action: 'pause',
      input: 'health check thresholds tripped',
      priority: 'high',
      agents: paused,
      requestedBy: REQUESTED_BY,
      status: 'done',
    });
  }
  return paused;
}
