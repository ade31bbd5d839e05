import { z } from 'zod';
import type { SequenceStep } from '../db/sales-schema';

/** Placeholders a subject or body may use; anything else in `{{ }}` is refused when saved. */
export const placeholders = ['name', 'firstName', 'company', 'title', 'personalisation', 'unsubscribeUrl'] as const;
export type Placeholder = (typeof placeholders)[number];

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

const template = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((value, ctx) => {
      for (const match of value.matchAll(PLACEHOLDER)) {
        const name = match[1] ?? '';
        if (!(placeholders as readonly string[]).includes(name)) {
          ctx.addIssue({ code: 'custom', message: `unknown placeholder {{${name}}}; use ${placeholders.join(', ')}` });
        }
      }
    });

export const sequenceStepSchema = z
  .object({
    delayHours: z
      .number()
      .min(0)
      .max(24 * 365)
      .optional()
      .describe('Hours after the previous step (after enrolment for the first)'),
    delayDays: z.number().min(0).max(365).optional().describe('Days after the previous step; added to delayHours'),
    subject: template(200),
    body: template(10_000).describe('Plain text; the unsubscribe link is always appended'),
    personalise: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('An instruction for one personalised opening line, written by the model from the lead data'),
  })
  .strict()
  .transform(({ delayHours, delayDays, ...rest }) => ({
    ...rest,
    delayMinutes: Math.round(((delayHours ?? 0) + (delayDays ?? 0) * 24) * 60),
  })) satisfies z.ZodType<SequenceStep>;

export const sequenceInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    segmentId: z.uuid(),
    status: z.enum(['active', 'paused']).default('active'),
    steps: z.array(sequenceStepSchema).min(1).max(20),
  })
  .strict();

export const sequencePatchSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    status: z.enum(['active', 'paused']).optional(),
    steps: z.array(sequenceStepSchema).min(1).max(20).optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Nothing to change');

export function fillTemplate(text: string, values: Record<Placeholder, string>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => values[name as Placeholder] ?? '');
}
