import { backup } from './backup';
import { dailyContent } from './daily-content';
import { emailSequences } from './email-sequences';
import { engagementReadback } from './engagement-readback';
import { healthCheck } from './health-check';
import { leadResearch } from './lead-research';
import { learning } from './learning';
import { restoreDrill } from './restore-drill';
import { revenueTracking } from './revenue-tracking';
import { socialPosting } from './social-posting';
import type { WorkflowDefinition } from './types';
import { weeklyReview } from './weekly-review';

export const workflows: readonly WorkflowDefinition[] = [
  learning,
  dailyContent,
  leadResearch,
  emailSequences,
  socialPosting,
  engagementReadback,
  revenueTracking,
  healthCheck,
  backup,
  restoreDrill,
  weeklyReview,
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
