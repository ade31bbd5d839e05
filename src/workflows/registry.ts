import { healthCheck } from './health-check';
import type { WorkflowDefinition } from './types';

/** A scheduled workflow whose engine is not built yet: its ticks are recorded as skipped. */
function pending(id: string, title: string, cron: string): WorkflowDefinition {
  return { id, title, cron, run: async () => ({ status: 'skipped', note: 'workflow not built yet' }) };
}

export const workflows: readonly WorkflowDefinition[] = [
  pending('daily_content', 'Daily content generation', '0 6 * * *'),
  pending('lead_research', 'Lead research', '0 10 * * *'),
  pending('email_sequences', 'Email sequences', '0 16 * * *'),
  pending('social_posting', 'Social posting', '0 */6 * * *'),
  pending('revenue_tracking', 'Revenue tracking', '0 23 * * *'),
  healthCheck,
  pending('backup', 'Nightly backup', '30 2 * * *'),
  pending('weekly_review', 'Weekly review', '0 10 * * SUN'),
];

export function workflowForCron(cron: string): WorkflowDefinition | undefined {
  return workflows.find((workflow) => workflow.cron === cron);
}

export function workflowById(id: string): WorkflowDefinition | undefined {
  return workflows.find((workflow) => workflow.id === id);
}
