import { publishDue } from '../content/publish';
import type { WorkflowDefinition } from './types';

/**
 * Every 6 hours: publishes the items whose slot has come and retries failed ones. An item that
 * fails is marked failed on itself (and retried next time); the run fails only when nothing works.
 */
export const socialPosting: WorkflowDefinition = {
  id: 'social_posting',
  title: 'Social posting',
  cron: '0 */6 * * *',
  steps: [
    {
      name: 'publish',
      // Each item is claimed before it is sent, so a retried step cannot post it twice.
      async run(context) {
        const summary = await publishDue(context.d1, context.content.publishers(), () => Date.now());
        const dryRuns = summary.published.filter((entry) => entry.dryRun).length;
        if (summary.failed.length > 0) {
          const lines = summary.failed.map((entry) => `${entry.channel} ${entry.id}: ${entry.error.slice(0, 200)}`);
          const title = `Social posting: ${summary.failed.length} item(s) failed; they are retried next run.`;
          await context.alert({
            kind: 'publishing_failed',
            severity: 'warn',
            title,
            text: [title, ...lines].join('\n'),
          });
        }
        return {
          output: {
            published: summary.published.map(({ id, channel, dryRun }) => ({ id, channel, dryRun })),
            failed: summary.failed.map(({ id, channel }) => ({ id, channel })),
            waiting: summary.waiting,
            skipped: summary.skipped,
          },
          note: `${summary.published.length} published (${dryRuns} dry run), ${summary.failed.length} failed`,
        };
      },
    },
  ],
};
