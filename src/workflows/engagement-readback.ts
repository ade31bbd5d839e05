import { readXMetrics } from '../engagement/x-readback';
import { SkipRun, type WorkflowDefinition } from './types';

/** How far back posts are read: engagement after two weeks barely moves. */
export const READBACK_DAYS = 14;

/**
 * Every 6 hours, after social posting: reads back what X posts earned (impressions, likes,
 * reposts, replies, quotes, bookmarks) and stores a snapshot per published item. E-mail events
 * need no step: the providers' webhooks bring them.
 */
export const engagementReadback: WorkflowDefinition = {
  id: 'engagement_readback',
  title: 'Engagement read-back',
  cron: '30 */6 * * *',
  steps: [
    {
      name: 'x_metrics',
      // Another reading is only another snapshot, so a repeated step does no harm.
      async run(context) {
        const client = context.content.xClient();
        if (!client) throw new SkipRun('X is not configured (X_USER_TOKEN): there are no live posts to read');
        const summary = await readXMetrics(context.d1, client, READBACK_DAYS, Date.now());
        const waiting = summary.rateLimitedUntil
          ? `; X rate limit until ${summary.rateLimitedUntil}, ${summary.left} left`
          : '';
        return { output: summary, note: `${summary.read} item(s) read, ${summary.gone} gone${waiting}` };
      },
    },
  ],
};
