import { type ContentChannel, contentChannels } from '../db/content-schema';
import { OverBudgetError } from '../llm/errors';
import { type BatchContext, DAILY_CONTENT_ACTOR, overBudgetNote } from './daily-ideas';
import { generateVariants } from './generate';
import { DAILY_CONTENT_SCOPES } from './ideas';
import { findIdea, itemsOfIdea } from './item-store';

// Every idea of the day drafted for every channel, one call per idea, a few ideas at a time. A
// channel that already has the idea's draft is not asked for again, so a retried step only fills
// what is missing; a budget refusal ends the loop with what was made instead of failing the run.

/** Refusals kept in the step's output: enough to see the pattern, small enough to store. */
const REJECTED_KEPT = 10;
/**
 * Ideas drafted at once. One after another, fifty ideas of minute-long calls would keep the step
 * silent past WORKFLOW_STALE_AFTER_MS (the run's heartbeat is written between steps), and the
 * sweep would take the run over while it still works.
 */
const IDEAS_AT_ONCE = 4;

export interface DailyDrafts {
  /** Ideas with at least one draft. */
  ideasDrafted: number;
  drafts: number;
  byChannel: Partial<Record<ContentChannel, number>>;
  rejectedCount: number;
  rejected: { ideaId: string; channel: ContentChannel; problem: string }[];
  costMicros: number;
  /** Why some ideas were left without drafts, when the budget refused their calls. */
  stopped?: string;
}

interface IdeaDrafts {
  /** The channels the idea has a draft for, made now or before. */
  channels: ContentChannel[];
  rejected: DailyDrafts['rejected'];
  costMicros: number;
  /** The budget's refusal of the call for the missing channels. */
  refused?: OverBudgetError;
}

async function draftIdea(context: BatchContext, ideaId: string): Promise<IdeaDrafts> {
  const idea = await findIdea(context.d1, ideaId);
  if (!idea) return { channels: [], rejected: [], costMicros: 0 };
  const existing = (await itemsOfIdea(context.d1, ideaId)).map((item) => item.channel);
  const missing = contentChannels.filter((channel) => !existing.includes(channel));
  if (missing.length === 0) return { channels: existing, rejected: [], costMicros: 0 };
  try {
    const generated = await generateVariants(context.d1, context.llm, idea, missing, {
      actor: DAILY_CONTENT_ACTOR,
      requestId: context.runId,
      now: () => Date.now(),
      scopes: DAILY_CONTENT_SCOPES,
    });
    return {
      channels: [...existing, ...generated.items.map((item) => item.channel)],
      rejected: generated.rejected.map((entry) => ({ ideaId, ...entry })),
      costMicros: generated.costMicros,
    };
  } catch (error) {
    if (error instanceof OverBudgetError) return { channels: existing, rejected: [], costMicros: 0, refused: error };
    throw error;
  }
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
  let refused: OverBudgetError | undefined;
  let undrafted = 0;
  for (let start = 0; start < ideaIds.length && !refused; start += IDEAS_AT_ONCE) {
    const batch = ideaIds.slice(start, start + IDEAS_AT_ONCE);
    for (const result of await Promise.all(batch.map((ideaId) => draftIdea(context, ideaId)))) {
      if (result.refused) {
        refused = result.refused;
        undrafted += 1;
      }
      for (const channel of result.channels) outcome.byChannel[channel] = (outcome.byChannel[channel] ?? 0) + 1;
      outcome.drafts += result.channels.length;
      if (result.channels.length > 0) outcome.ideasDrafted += 1;
      outcome.costMicros += result.costMicros;
      outcome.rejectedCount += result.rejected.length;
      outcome.rejected.push(...result.rejected.slice(0, REJECTED_KEPT - outcome.rejected.length));
    }
    if (refused) undrafted += ideaIds.length - start - batch.length;
  }
  if (refused) outcome.stopped = `${overBudgetNote(refused)}; ${undrafted} of ${ideaIds.length} idea(s) not drafted`;
  return outcome;
}

/** The drafts per channel in the channels' order: `x 10, linkedin 10, …`. */
export const channelCounts = (byChannel: DailyDrafts['byChannel']) =>
  contentChannels
    .filter((channel) => byChannel[channel])
    .map((channel) => `${channel} ${byChannel[channel]}`)
    .join(', ') || 'none';
