import { enrolAll } from '../sales/run-sequences';
import { sendDueSteps } from '../sales/send-due';
import { SkipRun, type WorkflowDefinition } from './types';

/**
 * Workflow 3: enrol new matching leads, then send every step whose delay has passed by the tick.
 * Time is the tick, not the clock, so a late or repeated run sends what was due at its tick.
 * Each send is claimed before it goes out, so a step retried here never reaches a lead twice.
 */
export const emailSequences: WorkflowDefinition = {
  id: 'email_sequences',
  title: 'Email sequences',
  cron: '0 16 * * *',
  steps: [
    {
      name: 'enrol',
      run: async (context) => {
        const enrolled = await enrolAll({ db: context.d1 }, context.tick);
        if (enrolled.sequences === 0) throw new SkipRun('no active sequences');
        return { output: enrolled };
      },
    },
    {
      name: 'send',
      run: async (context) => {
        const report = await sendDueSteps(
          {
            db: context.d1,
            email: context.sales.email,
            llm: context.sales.llm,
            publicBaseUrl: context.sales.publicBaseUrl,
            requestId: context.runId,
          },
          context.tick,
        );
        // Sends released after a 429/5xx are picked up by the step's own retries (or the next tick).
        if (report.retryLater > 0) {
          throw new Error(
            `${report.retryLater} email(s) could not be sent yet (provider rate limit or outage); ${report.sent} sent`,
          );
        }
        const recovered = report.recovered ? `, ${report.recovered} taken over from a run that died mid-send` : '';
        const note = `${report.sent} sent${report.dryRun ? ` (${report.dryRun} dry-run)` : ''}, ${report.notDue} not due, ${report.failed} failed${recovered}`;
        return { output: report, costMicros: report.costMicros, note };
      },
    },
  ],
};
