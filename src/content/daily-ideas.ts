import { inArray } from 'drizzle-orm';
import { contentIdeas } from '../db/content-schema';
import type { D1Db } from '../db/d1';
import { patternsForPrompt } from '../learning/insight-store';
import { stableUuid } from '../lib/stable-uuid';
import { OverBudgetError } from '../llm/errors';
import { type IdeaProposal, proposeIdeas, recentTopics, topicKey, usedTopicKeys } from './ideas';
import { createIdea } from './item-store';
import type { ChatClient } from './llm-json';

// The day's ideas of daily_content, made so the step can run again: the idea at index i of a tick
// has an id derived from both, so a retry keeps what an earlier attempt stored and asks only for
// the rest; and a topic used in the last REPEAT_WINDOW_MS is never stored again.

export const DAILY_CONTENT_ACTOR = 'workflow:daily_content';
const REPEAT_WINDOW_MS = 90 * 86_400_000;
/** A second ask fills the places repeats or a short answer left; a third rarely finds more. */
const MAX_ASKS = 2;

export interface BatchContext {
  d1: D1Db;
  /** A router that refuses (never defers) calls over budget: a refused call ends the day's batch. */
  llm: ChatClient;
  tick: number;
  runId: string;
}

export interface DailyIdeas {
  /** The tick's ideas in index order: those kept from an earlier attempt, then the new ones. */
  ideaIds: string[];
  kept: number;
  added: number;
  /** Proposed topics dropped because an earlier idea (or one of the same answer) had them. */
  repeats: number;
  costMicros: number;
  /** Why fewer than asked were made, when the budget refused a call. */
  stopped?: string;
}

export const overBudgetNote = (error: OverBudgetError) =>
  `over budget: the ${error.refusal.window} cap of ${error.refusal.scope.kind}:${error.refusal.scope.id} is reached`;

const tickIdeaIds = (tick: number, count: number) =>
  Promise.all(Array.from({ length: count }, (_, index) => stableUuid(`daily_content:${tick}:${index}`)));

async function storedIds(db: D1Db, ids: string[]): Promise<Set<string>> {
  const rows = await db.select({ id: contentIdeas.id }).from(contentIdeas).where(inArray(contentIdeas.id, ids));
  return new Set(rows.map((row) => row.id));
}

/** Makes the tick's `count` ideas, at most MAX_ASKS calls; fewer when the model repeats itself or the budget refuses. */
export async function makeDailyIdeas(context: BatchContext, count: number): Promise<DailyIdeas> {
  const { d1, tick } = context;
  const ids = await tickIdeaIds(tick, count);
  const stored = await storedIds(d1, ids);
  const open = ids.filter((id) => !stored.has(id));
  const used = await usedTopicKeys(d1, tick - REPEAT_WINDOW_MS);
  const fresh: IdeaProposal[] = [];
  let costMicros = 0;
  let repeats = 0;
  let stopped: string | undefined;
  const patterns = await patternsForPrompt(d1, 'content');
  for (let ask = 0; ask < MAX_ASKS && fresh.length < open.length; ask += 1) {
    const earlier = [...fresh.map((idea) => idea.topic), ...(await recentTopics(d1))];
    let proposal: Awaited<ReturnType<typeof proposeIdeas>>;
    try {
      proposal = await proposeIdeas(context.llm, { earlier, patterns }, open.length - fresh.length, context.runId);
    } catch (error) {
      if (!(error instanceof OverBudgetError)) throw error;
      stopped = overBudgetNote(error);
      break;
    }
    costMicros += proposal.costMicros;
    for (const idea of proposal.ideas) {
      const key = topicKey(idea.topic);
      if (used.has(key)) repeats += 1;
      else if (fresh.length < open.length) {
        used.add(key);
        fresh.push(idea);
      }
    }
  }
  for (const [index, idea] of fresh.entries()) {
    const id = open[index];
    if (id) await createIdea(d1, { ...idea, origin: 'generated' }, DAILY_CONTENT_ACTOR, tick, id);
  }
  const made = new Set([...stored, ...open.slice(0, fresh.length)]);
  return {
    ideaIds: ids.filter((id) => made.has(id)),
    kept: stored.size,
    added: fresh.length,
    repeats,
    costMicros,
    ...(stopped ? { stopped } : {}),
  };
}
