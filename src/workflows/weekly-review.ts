import { errorFields } from '../observability/logger';
import { figuresText, reviewMessage, writeUpRequest } from '../review/review-text';
import { type WeeklyKpis, weeklyKpis } from '../review/weekly-kpis';
import type { WorkflowDefinition } from './types';

/** Sunday 10:00 UTC: the week's KPIs, written up by the CEO agent, sent to the owner. */
export const weeklyReview: WorkflowDefinition = {
  id: 'weekly_review',
  title: 'Weekly review',
  cron: '0 10 * * SUN',
  steps: [
    {
      name: 'kpis',
      async run(context) {
        const kpis = await weeklyKpis({ d1: context.d1, ...context.review }, context.tick);
        return { output: kpis, note: `${kpis.leads.new} new leads, ${kpis.spend.calls} LLM calls` };
      },
    },
    {
      name: 'write-up',
      // The fallback lives inside the step: the router already tries each candidate model, and a
      // refusal (over budget) will not clear within a step's backoff, so the owner gets the plain
      // figures at once rather than a failed run and no numbers.
      async run(context, outputs) {
        const kpis = outputs.kpis as WeeklyKpis;
        try {
          const result = await context.review.llm.chat(writeUpRequest(kpis, context.runId));
          return { output: { writeUp: result.text, model: result.model }, costMicros: result.costMicros };
        } catch (error) {
          const fields = errorFields(error);
          context.log.warn('weekly review written without the CEO', fields);
          const reason = error instanceof Error ? error.name : 'error';
          return { output: { fallback: reason }, note: `fallback: ${reason}` };
        }
      },
    },
    {
      name: 'send',
      async run(context, outputs) {
        const kpis = outputs.kpis as WeeklyKpis;
        const { writeUp, fallback } = outputs['write-up'] as { writeUp?: string; fallback?: string };
        const text = reviewMessage(writeUp, figuresText(kpis), fallback);
        const delivery = await context.notifyOwner(text);
        // The CEO's reading of the week is worth recalling next week; the figures alone are not.
        if (writeUp) await context.remember({ text: writeUp, kind: 'lesson', tags: ['weekly-review'] });
        return { output: { delivery, chars: text.length, fallback: fallback !== undefined } };
      },
    },
  ],
};
