/**
 * The one place that names Durable Object instances: every caller reaches an object through
 * these, so an instance name (the single ledger, the dashboard's stream) is written once.
 */

/** The spend ledger: one instance holds every cap and every lease. */
export const BUDGET_LEDGER_NAME = 'global';
export const budgetLedger = (env: Pick<Env, 'BUDGET'>) => env.BUDGET.getByName(BUDGET_LEDGER_NAME);

/** One brain agent's object, named by its agent id. */
export const agentObject = (env: Pick<Env, 'AGENTS'>, agent: string) => env.AGENTS.getByName(agent);

/** One swarm run's object, named by its run id. */
export const swarmRunObject = (env: Pick<Env, 'SWARM_RUNS'>, runId: string) => env.SWARM_RUNS.getByName(runId);

/** The dashboard's one live stream. */
export const dashboardEvents = (env: Pick<Env, 'EVENTS'>) => env.EVENTS.getByName('dashboard');
export const tokenKeys = (env: Pick<Env, 'TOKEN_KEYS'>) => env.TOKEN_KEYS.getByName('signing-keys');

/** A spare instance of each class, which the health check pings so no real object is woken for it. */
export const healthProbes = (env: Pick<Env, 'BUDGET' | 'AGENTS' | 'SWARM_RUNS' | 'EVENTS' | 'TOKEN_KEYS'>) => ({
  budget: () => env.BUDGET.getByName('health'),
  agents: () => env.AGENTS.getByName('health'),
  swarm_runs: () => env.SWARM_RUNS.getByName('health'),
  events: () => env.EVENTS.getByName('health'),
  token_keys: () => env.TOKEN_KEYS.getByName('health'),
});
