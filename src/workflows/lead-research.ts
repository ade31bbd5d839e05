import { runLeadMachine } from '../social/lead-machine';
import type { WorkflowDefinition } from './types';

/** 10:00 UTC: the X lead machine (mentions -> intent -> CRM leads), then the lead_research swarm task. */
export const leadResearch: WorkflowDefinition = {
  id: 'lead_research',
  title: 'Lead research',
  cron: '0 10 * * *',
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
        const { icp, regions } = context.content.leadResearch;
        const runId = await context.startTask('lead_research', { icp, regions });
        return { output: { taskRunId: runId }, note: `lead_research run ${runId}` };
      },
    },
  ],
};
