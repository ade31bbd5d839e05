import { type ContentChannel, contentChannels } from '../db/content-schema';
import { OverBudgetError } from '../llm/errors';
import { type BatchContext, DAILY_CONTENT_ACTOR, overBudgetNote } from './daily-ideas';
import { generateVariants } from './generate';
import { DAILY_CONTENT_SCOPES } from './ideas';
import { findIdea, itemsOfIdea } from './item-store';

// Every idea of the day drafted for every channel, one call per idea. A channel that already has
// the idea's draft is not asked for again, so a retried step only fills what is missing; a budget
// refusal ends the loop with what was made so far instead of failing the run.

/** Refusals kept in the step's output: enough to see the pattern, small enough to store. */
const REJECTED_KEPT = 10;

export interface DailyDrafts {
  /** Ideas with at least one draft. */
  ideasDrafted: number;
  drafts: number;
  byChannel: Partial<Record<ContentChannel, number>>;
  rejectedCount: number;
  rejected: { ideaId: string; channel: ContentChannel; problem: string }[];
  costMicros: number;
  /** Why the loop ended before the last idea, when the budget refused a call. */
  stopped?: string;
}

export async function draftDailyVariants(context: BatchContext, ideaIds: readonly string[]): Promise<DailyDrafts> {
  const outcome: DailyDrafts = {
    ideasDrafted: 0,
    drafts: 0,
    byChannel: {},
    rejectedCount: 0,
    rejected: [],
    costMicros: 0,
  };
  const count = (channel: ContentChannel) => {
    outcome.drafts += 1;
    outcome.byChannel[channel] = (outcome.byChannel[channel] ?? 0) + 1;
  };
  for (const [index, ideaId] of ideaIds.entries()) {
    const idea = await findIdea(context.d1, ideaId);
    if (!idea) continue;
    const existing = await itemsOfIdea(context.d1, ideaId);
    for (const item of existing) count(item.channel);
    const missing = contentChannels.filter((channel) => !existing.some((item) => item.channel === channel));
    let made = existing.length;
    if (missing.length > 0) {
      try {
        const generated = await generateVariants(context.d1, context.llm, idea, missing, {
          actor: DAILY_CONTENT_ACTOR,
          requestId: context.runId,
          now: () => Date.now(),
          scopes: DAILY_CONTENT_SCOPES,
        });
        outcome.costMicros += generated.costMicros;
        for (const item of generated.items) count(item.channel);
        made += generated.items.length;
        outcome.rejectedCount += generated.rejected.length;
        for (const entry of generated.rejected)
          if (outcome.rejected.length < REJECTED_KEPT) outcome.rejected.push({ ideaId, ...entry });
      } catch (error) {
        if (!(error instanceof OverBudgetError)) throw error;
        outcome.stopped = `${overBudgetNote(error)}; stopped at idea ${index + 1} of ${ideaIds.length}`;
        break;
      }
    }
    if (made > 0) outcome.ideasDrafted += 1;
  }
  return outcome;
}

/** The drafts per channel in the channels' order: `x 10, linkedin 10, …`. */
export const channelCounts = (byChannel: DailyDrafts['byChannel']) =>
  contentChannels
    .filter((channel) => byChannel[channel])
    .map((channel) => `${channel} ${byChannel[channel]}`)
    .join(', ') || 'none';
