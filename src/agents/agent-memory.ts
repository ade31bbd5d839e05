import { withTimeout } from '../lib/with-timeout';
import type { NuggetHit, NuggetInput } from '../memory/nugget';
import type { Logger } from '../observability/logger';

/** What an agent needs from long-term memory (LongTermMemory is one). */
export interface AgentMemory {
  search(query: string, k: number): Promise<NuggetHit[]>;
  remember(input: NuggetInput): Promise<unknown>;
}

// Memory helps an action but never decides its fate: a slow or failing Chroma costs at most
// this long, and the action runs on without what it would have recalled.
const RECALL_TIMEOUT_MS = 3_000;
const RECALL_K = 3;
// Cosine distance: further than this is a different subject, not a relevant lesson.
const RELEVANT_DISTANCE = 0.75;
const QUESTION_CHARS = 300;
const DECISION_CHARS = 1_200;

const clip = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text);

/** Relevant nuggets as plain lines, or [] when there are none or memory fails (logged). */
export async function recallLessons(memory: AgentMemory | undefined, query: string, log: Logger): Promise<string[]> {
  if (!memory) return [];
  try {
    const hits = await withTimeout(memory.search(clip(query, 500), RECALL_K), RECALL_TIMEOUT_MS);
    return hits.filter((hit) => hit.distance <= RELEVANT_DISTANCE).map((hit) => `- (${hit.kind}) ${hit.text}`);
  } catch (error) {
    log.warn('memory recall failed; the action runs without it', { error: String(error) });
    return [];
  }
}

/** Stores what a decision taught, as a lesson from its agent; a failure is logged, never thrown. */
export async function rememberDecision(
  memory: AgentMemory | undefined,
  decision: { agent: string; question: string; answer: string; actionId: string },
  log: Logger,
): Promise<void> {
  if (!memory) return;
  try {
    await withTimeout(
      memory.remember({
        text: `Decided on: ${clip(decision.question.trim(), QUESTION_CHARS)}\nDecision: ${clip(decision.answer.trim(), DECISION_CHARS)}`,
        kind: 'lesson',
        source: `agent:${decision.agent}`,
        tags: ['decision'],
      }),
      RECALL_TIMEOUT_MS * 2,
    );
  } catch (error) {
    log.warn('memory store failed; the decision stands', { actionId: decision.actionId, error: String(error) });
  }
}
