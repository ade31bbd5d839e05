import { channelCounts, type DailyDrafts, draftDailyVariants } from '../content/daily-drafts';
import { type BatchContext, type DailyIdeas, makeDailyIdeas } from '../content/daily-ideas';
import { findIdea } from '../content/item-store';
import { SkipRun, type WorkflowContext, type WorkflowDefinition } from './types';

/** Topics listed in the owner's message; /drafts pages through the rest. */
const TOPICS_LISTED = 10;
const TOPIC_CHARS = 100;

const batchOf = (context: WorkflowContext): BatchContext => ({
  d1: context.d1,
  llm: context.content.llm,
  tick: context.tick,
  runId: context.runId,
});

function ideasNote(ideas: DailyIdeas, asked: number): string {
  const parts = [`${ideas.ideaIds.length} of ${asked} idea(s)`];
  if (ideas.kept > 0) parts.push(`${ideas.kept} kept from an earlier attempt`);
  if (ideas.repeats > 0) parts.push(`${ideas.repeats} repeated topic(s) dropped`);
  if (ideas.stopped) parts.push(ideas.stopped);
  return parts.join('; ');
}

const draftsNote = (drafts: DailyDrafts, ideas: number) =>
  [
    `${drafts.drafts} draft(s) for ${drafts.ideasDrafted} of ${ideas} idea(s) (${channelCounts(drafts.byChannel)})`,
    `${drafts.rejectedCount} refused`,
    ...(drafts.stopped ? [drafts.stopped] : []),
  ].join('; ');

/**
 * 06:00: the Mouth agent proposes CONTENT_IDEAS_PER_DAY new ideas, writes each one's variant for
 * every channel, and the owner is asked to approve. Every call is charged to `task:daily_content`
 * and refused (never deferred) past its cap: the run then ends with what it made and says why.
 */
export const dailyContent: WorkflowDefinition = {
  id: 'daily_content',
  title: 'Daily content generation',
  cron: '0 6 * * *',
  steps: [
    {
      name: 'ideas',
      async run(context) {
        const asked = context.content.ideasPerDay;
        const ideas = await makeDailyIdeas(batchOf(context), asked);
        if (ideas.ideaIds.length === 0)
          throw new SkipRun(
            ideas.stopped
              ? `no idea made: ${ideas.stopped}`
              : `no new idea: the ${ideas.repeats} topic(s) proposed repeat earlier ones`,
          );
        return {
          output: { ideaIds: ideas.ideaIds, ...(ideas.stopped ? { stopped: ideas.stopped } : {}) },
          costMicros: ideas.costMicros,
          note: ideasNote(ideas, asked),
        };
      },
    },
    {
      name: 'variants',
      async run(context, outputs) {
        const { ideaIds } = outputs.ideas as { ideaIds: string[] };
        const drafts = await draftDailyVariants(batchOf(context), ideaIds);
        if (drafts.drafts === 0 && drafts.stopped) throw new SkipRun(`no draft made: ${drafts.stopped}`);
        if (drafts.drafts === 0)
          throw new Error(`no variant passed its channel's rules: ${JSON.stringify(drafts.rejected)}`);
        const { costMicros, ...output } = drafts;
        return { output, costMicros, note: draftsNote(drafts, ideaIds.length) };
      },
    },
    {
      name: 'notify',
      async run(context, outputs) {
        const { ideaIds, stopped: ideasStopped } = outputs.ideas as { ideaIds: string[]; stopped?: string };
        const drafts = outputs.variants as Omit<DailyDrafts, 'costMicros'>;
        const topics: string[] = [];
        for (const id of ideaIds.slice(0, TOPICS_LISTED)) {
          const idea = await findIdea(context.d1, id);
          if (idea) topics.push(`- ${idea.topic.slice(0, TOPIC_CHARS)}`);
        }
        const stopped = drafts.stopped ?? ideasStopped;
        const text = [
          `${drafts.drafts} content draft(s) for ${drafts.ideasDrafted} idea(s) await your approval: ${channelCounts(drafts.byChannel)}.`,
          ...(stopped ? [`Stopped early, ${stopped}.`] : []),
          ...topics,
          ...(ideaIds.length > TOPICS_LISTED ? [`… and ${ideaIds.length - TOPICS_LISTED} more`] : []),
          '/drafts lists them with their ids; approve with /approve <id…>.',
        ].join('\n');
        const delivery = await context.notifyOwner(text);
        return { output: { drafts: drafts.drafts, delivery } };
      },
    },
  ],
};
