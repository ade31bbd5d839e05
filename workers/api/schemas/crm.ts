import { z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { leadEvents, leadStatuses, leads } from '../../../src/db/crm-schema';
import { isoTime } from '../../http/responses';

const ScorePartSchema = z.object({
  part: z.enum(['budget', 'authority', 'need', 'timeline']),
  points: z.number(),
  rule: z.string(),
});

export const LeadSchema = createSelectSchema(leads)
  .pick({
    id: true,
    name: true,
    email: true,
    company: true,
    title: true,
    source: true,
    status: true,
    budgetCurrency: true,
    authorityRole: true,
    authorityLevel: true,
    needDescription: true,
    painLevel: true,
    timelineDays: true,
    score: true,
    notes: true,
  })
  .extend({
    nextStatuses: z.array(z.enum(leadStatuses)).describe('Where the pipeline lets it move'),
    budgetAmount: z.number().nullable().describe('In budgetCurrency'),
    targetDate: z.string().nullable().describe('YYYY-MM-DD'),
    scoreBreakdown: z
      .object({ total: z.number(), parts: z.array(ScorePartSchema), scoredAt: isoTime.nullable() })
      .nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .openapi('Lead');

export const LeadEventSchema = createSelectSchema(leadEvents)
  .pick({ id: true, kind: true, actor: true })
  .extend({
    // Each kind carries its own facts (a status change, an outreach, an enrichment …).
    data: z.record(z.string(), z.unknown()).describe('What happened; its fields depend on the kind'),
    at: isoTime,
  })
  .openapi('LeadEvent');

export const LeadWithEventsSchema = LeadSchema.extend({ events: z.array(LeadEventSchema) }).openapi('LeadWithEvents');

export const LeadPageSchema = z
  .object({ items: z.array(LeadSchema), nextCursor: z.string().nullable() })
  .openapi('LeadPage');

export const LeadHitPageSchema = z
  .object({
    items: z.array(LeadSchema.extend({ relevance: z.number().describe('Higher is a better match') })),
    nextCursor: z.string().nullable(),
  })
  .openapi('LeadHitPage');

export const PipelineSchema = z
  .object({
    counts: z.record(z.enum(leadStatuses), z.number()),
    total: z.number(),
    top: z.array(LeadSchema).describe('Open leads, best score first'),
  })
  .openapi('Pipeline');

export const ImportSummarySchema = z
  .object({
    created: z.array(z.object({ row: z.number(), id: z.string() })),
    errors: z.array(
      z.object({
        row: z.number(),
        field: z.string().optional(),
        message: z.string(),
        existingId: z.string().optional(),
      }),
    ),
    ignoredColumns: z.array(z.string()),
  })
  .openapi('ImportSummary');

export const EnrichmentSchema = z
  .object({
    called: z.boolean().describe('false when nothing was missing'),
    missing: z.array(z.string()),
    filled: z.array(z.string()),
    requestId: z.string().optional(),
    model: z.string().optional(),
    provider: z.string().optional(),
    costMicros: z.number().optional(),
    cached: z.boolean().optional(),
    rejected: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
    ignored: z.array(z.string()).optional(),
    error: z.string().optional(),
  })
  .openapi('Enrichment');

export const EnrichedLeadSchema = z.object({ lead: LeadSchema, enrichment: EnrichmentSchema }).openapi('EnrichedLead');
