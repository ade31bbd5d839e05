import { z } from 'zod';
import { runLeadMachine } from '../social/lead-machine';
import type { WorkflowDefinition } from './types';

/** A run started by hand or by a webhook may research another profile or other regions than the configured ones. */
const leadResearchInput = z
  .object({
    icp: z.string().trim().min(10).max(2_000).optional().describe('The ideal customer profile, in plain words'),
    regions: z.array(z.string().trim().min(1).max(80)).min(1).max(100).optional().describe('Regions to search'),
    count: z.number().int().min(1).max(50).optional().describe('Leads wanted per region (default 10)'),
  })
  .strict();

/** 10:00 UTC: the X lead machine (mentions -> intent -> CRM leads), then the lead_research swarm task. */
export const leadResearch: WorkflowDefinition = {
  id: 'lead_research',
  title: 'Lead research',
  cron: '0 10 * * *',
  input: leadResearchInput,
  steps: [
    {
      name: 'x_mentions',
      async run(context) {
        const run = await runLeadMachine(context.d1, context.content.xMentions(), context.llm, {
          requestId: context.runId,
          now: () => Date.now(),
        });
        const { leads } = run;
        return {
          output: {
            mentions: run.mentions,
            classified: leads.classified,
            leads: leads.leads,
            failed: leads.failed.length,
          },
          costMicros: leads.costMicros,
          note: `${leads.leads.length} lead(s) from ${leads.classified} post(s)`,
        };
      },
    },
    {
      name: 'research_task',
      async run(context) {
        const asked = leadResearchInput.parse(context.input);
        const inputs = {
          icp: asked.icp ?? context.content.leadResearch.icp,
          regions: asked.regions ?? context.content.leadResearch.regions,
          ...(asked.count ? { count: asked.count } : {}),
        };
        const runId = await context.startTask('lead_research', inputs);
        return {
          output: { taskRunId: runId, regions: inputs.regions },
          note: `lead_research run ${runId} over ${inputs.regions.join(', ')}`,
        };
      },
    },
  ],
};
