import { revenueSummary } from '../revenue/revenue-store';
import { type RevenueSummary, reportText } from '../revenue/summary';
import type { WorkflowDefinition } from './types';

const DAY = 86_400_000;

/** Daily: the 24 hours up to the tick against the 24 hours before, sent to the owner. */
export const revenueTracking: WorkflowDefinition = {
  id: 'revenue_tracking',
  title: 'Revenue tracking',
  cron: '0 23 * * *',
  steps: [
    {
      name: 'summarise',
      async run(context) {
        const [day, before] = await Promise.all([
          revenueSummary(context.d1, context.tick - DAY, context.tick),
          revenueSummary(context.d1, context.tick - 2 * DAY, context.tick - DAY),
        ]);
        const sales = day.totals.reduce((sum, total) => sum + total.count, 0);
        return { output: { day, before }, note: `${sales} sales` };
      },
    },
    {
      name: 'report',
      async run(context, outputs) {
        const { day, before } = outputs.summarise as { day: RevenueSummary; before: RevenueSummary };
        const text = reportText(day, before);
        const delivery = await context.notifyOwner(text);
        return { output: { delivery, lines: text.split('\n').length } };
      },
    },
  ],
};
