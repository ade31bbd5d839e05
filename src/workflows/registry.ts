import { backup } from './backup';
import { healthCheck } from './health-check';
import { revenueTracking } from './revenue-tracking';
import { SkipRun, type WorkflowDefinition } from './types';

/** A scheduled workflow that is not built yet: its ticks are recorded as skipped. */
function pending(id: string, title: string, cron: string): WorkflowDefinition {
  const skip = async () => {
    throw new SkipRun('workflow not built yet');
  };
  return { id, title, cron, steps: [{ name: 'pending', run: skip }] };
}

export const workflows: readonly WorkflowDefinition[] = [
  pending('daily_content', 'Daily content generation', '0 6 * * *'),
  pending('lead_research', 'Lead research', '0 10 * * *'),
  pending('email_sequences', 'Email sequences', '0 16 * * *'),
  pending('social_posting', 'Social posting', '0 */6 * * *'),
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
