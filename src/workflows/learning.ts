import { latestInsights } from '../learning/insight-store';
import { learnPatterns } from '../learning/learn';
import type { WorkflowDefinition } from './types';

/**
 * 05:30, before daily_content at 06:00: what worked over the last days (engagement by channel,
 * slot, format and topic; conversion by segment, source and sequence) becomes the latest patterns
 * in D1, read back by the idea and sales prompts, and gold nuggets in long-term memory.
 */
export const learning: WorkflowDefinition = {
  id: 'learning',
  title: 'Learning from engagement and conversions',
  cron: '30 5 * * *',
  steps: [
    {
      name: 'patterns',
      async run(context) {
        const found = await learnPatterns({ d1: context.d1, timezone: context.content.timezone }, context.tick);
        const byArea = { content: 0, sales: 0 };
        for (const insight of found) byArea[insight.area] += 1;
        return { output: byArea, note: `${byArea.content} content and ${byArea.sales} sales pattern(s)` };
      },
    },
    {
      name: 'remember',
      // Read from D1 rather than passed along: a step's output stays small, and a retry stores the same nuggets.
      async run(context) {
        const rows = await latestInsights(context.d1);
        for (const row of rows)
          await context.remember({ text: row.text, kind: 'pattern', tags: ['learning', row.area, row.dimension] });
        return { output: { nuggets: rows.length } };
      },
    },
  ],
};
