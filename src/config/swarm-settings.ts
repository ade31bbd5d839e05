import { z } from 'zod';
import { defaultedWhole } from './defaulted-whole.ts';

export const swarmVariables = {
  SWARM_JOB_DEADLINE_MS: defaultedWhole(1_000, 86_400_000, 300_000),
  SWARM_JOB_MAX_SENDS: defaultedWhole(1, 20, 3),
};

const variablesSchema = z.object(swarmVariables);
type Vars = z.output<typeof variablesSchema>;

/**
 * How a swarm run keeps its jobs moving when queue messages are lost (a local queue loses what it
 * holds when the process dies). A job sent and not heard from within the deadline is sent again,
 * up to `maxSends` sends in all; then it fails, so the run still ends.
 */
export interface SwarmSettings {
  /** How long a job may go without a sign of life (its delivery or a report) before it is re-sent. */
  jobDeadlineMs: number;
  /** Sends of one job, the first included; the reduce step gets as many tries. */
  maxSends: number;
}

export function swarmSettings(vars: Vars): SwarmSettings {
  return { jobDeadlineMs: vars.SWARM_JOB_DEADLINE_MS, maxSends: vars.SWARM_JOB_MAX_SENDS };
}
