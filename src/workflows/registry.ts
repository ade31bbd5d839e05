import { backup } from './backup';
import { dailyContent } from './daily-content';
import { emailSequences } from './email-sequences';
import { healthCheck } from './health-check';
import { leadResearch } from './lead-research';
import { revenueTracking } from './revenue-tracking';
import { socialPosting } from './social-posting';
import { SkipRun, type WorkflowDefinition } from './types';

/** A scheduled workflow that is not built yet: its ticks are recorded as skipped. */
function pending(id: string, title: string, cron: string): WorkflowDefinition {
  const skip = async () => {
    throw new SkipRun('workflow not built yet');
  };
  return { id, title, cron, steps: [{ name: 'pending', run: skip }] };
}

export const workflows: readonly WorkflowDefinition[] = [
  dailyContent,
  leadResearch,
  emailSequences,
  socialPosting,
  revenueTracking,
  healthCheck,
  backup,
  pending('weekly_review', 'Weekly review', '0 10 * * SUN'),
];

export function workflowForCron(
  cron: string,
  registry: readonly WorkflowDefinition[] = workflows,
): WorkflowDefinition | undefined {
  return registry.find((workflow) => workflow.cron === cron);
}

export function workflowById(
  id: string,
  registry: readonly WorkflowDefinition[] = workflows,
): WorkflowDefinition | undefined {
  return registry.find((workflow) => workflow.id === id);
}
