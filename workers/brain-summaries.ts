import { agentObject } from '../durable-objects/clients';
import type { AgentSummary } from '../src/agents/agent-state';
import { agentIds } from '../src/agents/personas';
import { BoundedCache } from '../src/lib/bounded-cache';
import { singleFlight } from '../src/lib/single-flight';

/**
 * How old a list of the agents may be when an isolate serves it. A change this isolate makes
 * itself shows at once (`changingAgent`); one made in another isolate (a queue consumer, say)
 * within this long. Live changes reach the dashboard over its socket, not through this list.
 */
const FRESH_MS = 1_000;

/** The seven agents' summaries, read together: one entry. */
const brainSummaryCache = new BoundedCache<'all', AgentSummary[]>({ maxEntries: 1, ttlMs: FRESH_MS });
const shared = singleFlight<AgentSummary[]>();
/** Bumped by every change made here, so a read that overlapped one is not kept. */
let generation = 0;

/** The agents' status and counters, from their objects at most once per FRESH_MS per isolate. */
export async function brainSummaries(env: Pick<Env, 'AGENTS'>, now = Date.now()): Promise<AgentSummary[]> {
  const cached = brainSummaryCache.get('all', now);
  if (cached) return cached;
  const started = generation;
  return shared(`all:${started}`, async () => {
    const summaries = await Promise.all(agentIds.map((agent) => agentObject(env, agent).summary(agent)));
    if (started === generation) brainSummaryCache.set('all', summaries, now);
    return summaries;
  });
}

/** Wraps a call that changes an agent's state, so this isolate's next list shows it. */
export async function changingAgent<T>(change: Promise<T>): Promise<T> {
  generation += 1;
  brainSummaryCache.clear();
  try {
    return await change;
  } finally {
    generation += 1;
    brainSummaryCache.clear();
  }
}
