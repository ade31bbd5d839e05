import { z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { leadStatuses, leads } from '../../../src/db/crm-schema';
import { enrolments, segments, sends, sequences } from '../../../src/db/sales-schema';
import { isoTime } from '../../http/responses';

const SegmentRulesSchema = z
  .object({
    minScore: z.number().optional(),
    maxScore: z.number().optional(),
    sources: z.array(z.string()).optional(),
    industries: z.array(z.string()).optional(),
    companies: z.array(z.string()).optional(),
    statuses: z.array(z.enum(leadStatuses)).optional(),
  })
  .openapi('SegmentRules');

export const SegmentSchema = createSelectSchema(segments)
  .extend({ rules: SegmentRulesSchema, createdAt: isoTime.nullable(), updatedAt: isoTime.nullable() })
  .openapi('Segment');

export const SegmentListSchema = z.object({ items: z.array(SegmentSchema) }).openapi('SegmentList');

export const SegmentWithSizeSchema = SegmentSchema.extend({ size: z.number() }).openapi('SegmentWithSize');

export const SegmentMembersSchema = z
  .object({
    items: z.array(
      createSelectSchema(leads).pick({
        id: true,
        name: true,
        email: true,
        company: true,
        source: true,
        score: true,
        status: true,
      }),
    ),
    total: z.number(),
  })
  .openapi('SegmentMembers');

const SequenceStepSchema = z
  .object({
    index: z.number(),
    delayHours: z.number().describe('Hours after the previous step (after enrolment for the first)'),
    subject: z.string(),
    body: z.string(),
    personalise: z.string().optional(),
  })
  .openapi('SequenceStep');

export const SequenceSchema = createSelectSchema(sequences)
  .extend({ steps: z.array(SequenceStepSchema), createdAt: isoTime.nullable(), updatedAt: isoTime.nullable() })
  .openapi('Sequence');

export const SequenceListSchema = z.object({ items: z.array(SequenceSchema) }).openapi('SequenceList');

export const EnrolmentSchema = createSelectSchema(enrolments)
  .omit({ id: true })
  .extend({
    stepCount: z.number().optional(),
    enrolledAt: isoTime.nullable(),
    lastSentAt: isoTime.nullable(),
    updatedAt: isoTime.nullable(),
  })
  .openapi('Enrolment');

export const EnrolmentListSchema = z.object({ items: z.array(EnrolmentSchema) }).openapi('EnrolmentList');

export const EnrolResultSchema = z
  .object({
    enrolled: z.union([z.array(z.string()), z.number()]).describe('Named leads: their ids; a segment: how many'),
    alreadyEnrolled: z.array(z.string()).optional(),
    suppressed: z.array(z.string()).optional(),
    unknown: z.array(z.string()).optional(),
  })
  .openapi('EnrolResult');

export const SendSchema = createSelectSchema(sends)
  .omit({ id: true })
  .extend({ claimedAt: isoTime.nullable(), sentAt: isoTime.nullable() })
  .openapi('Send');

export const SendListSchema = z.object({ items: z.array(SendSchema) }).openapi('SendList');

export const LeadSalesSchema = z
  .object({ leadId: z.string(), sequences: z.array(EnrolmentSchema), sends: z.array(SendSchema) })
  .openapi('LeadSales');
