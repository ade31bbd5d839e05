import { generateVariants } from '../content/generate';
import { proposeIdeas, recentTopics } from '../content/ideas';
import { createIdea, findIdea, itemsOfIdea } from '../content/item-store';
import { contentChannels } from '../db/content-schema';
import { stableUuid } from '../lib/stable-uuid';
import type { WorkflowDefinition } from './types';

const IDEAS_PER_DAY = 1;

/** 06:00 UTC: the Mouth agent proposes ideas, writes each channel's variant, and the owner is asked to approve. */
export const dailyContent: WorkflowDefinition = {
  id: 'daily_content',
  title: 'Daily content generation',
  cron: '0 6 * * *',
  steps: [
    {
      name: 'ideas',
      async run(context) {
        const proposal = await proposeIdeas(context.llm, await recentTopics(context.d1), IDEAS_PER_DAY, context.runId);
        const ids: string[] = [];
        for (const [index, idea] of proposal.ideas.entries()) {
          // Keyed by the tick: a retried step finds the ideas it stored before instead of adding more.
          const id = await stableUuid(`daily_content:${context.tick}:${index}`);
          await createIdea(context.d1, { ...idea, origin: 'generated' }, 'workflow:daily_content', context.tick, id);
          ids.push(id);
        }
        return { output: { ideaIds: ids }, costMicros: proposal.costMicros, note: `${ids.length} idea(s)` };
      },
    },
    {
      name: 'variants',
      async run(context, outputs) {
        const { ideaIds } = outputs.ideas as { ideaIds: string[] };
        const drafts: { id: string; channel: string }[] = [];
        const rejected: { ideaId: string; channel: string; problem: string }[] = [];
        let costMicros = 0;
        for (const ideaId of ideaIds) {
          const idea = await findIdea(context.d1, ideaId);
          if (!idea) continue;
          const existing = await itemsOfIdea(context.d1, ideaId);
          const missing = contentChannels.filter((channel) => !existing.some((item) => item.channel === channel));
          drafts.push(...existing.map((item) => ({ id: item.id, channel: item.channel })));
          if (missing.length === 0) continue;
          const outcome = await generateVariants(context.d1, context.llm, idea, missing, {
            actor: 'workflow:daily_content',
            requestId: context.runId,
            now: () => Date.now(),
          });
          costMicros += outcome.costMicros;
          drafts.push(...outcome.items.map((item) => ({ id: item.id, channel: item.channel })));
          rejected.push(...outcome.rejected.map((entry) => ({ ideaId, ...entry })));
        }
        if (drafts.length === 0) throw new Error(`no variant passed its channel's rules: ${JSON.stringify(rejected)}`);
        return {
          output: { drafts, rejected },
          costMicros,
          note: `${drafts.length} draft(s), ${rejected.length} refused`,
        };
      },
    },
    {
      name: 'notify',
      async run(context, outputs) {
        const { drafts } = outputs.variants as { drafts: { id: string; channel: string }[] };
        const text = [
          `${drafts.length} content draft(s) await your approval:`,
          ...drafts.map((draft) => `${draft.channel} ${draft.id}`),
          'Approve with /approve <id>; /drafts lists them.',
        ].join('\n');
        const delivery = await context.notifyOwner(text);
        return { output: { drafts: drafts.length, delivery } };
      },
    },
  ],
};
