import { z } from '@hono/zod-openapi';
import { siteSchema } from '../../../src/bma/audit-input';
import { knowledgeItemSchema } from '../../../src/bma/knowledge-schema';
import { severities } from '../../../src/db/bma-schema';
import { isoTime } from '../../http/responses';

const severity = z.enum(severities);

export const KnowledgeSchema = z
  .object({
    items: z.array(
      knowledgeItemSchema.extend({
        file: z.string(),
        score: z.number().optional().describe('How well it matches q; only when searched'),
      }),
    ),
    norms: z.array(z.object({ id: z.string(), title: z.string(), file: z.string() })),
    search: z.enum(['memory', 'keywords']).optional().describe('How q was matched'),
  })
  .openapi('BmaKnowledge');

const auditResult = {
  site: siteSchema,
  checklist: z.array(
    z.object({
      itemId: z.string(),
      category: z.string(),
      requirement: z.string(),
      norm: z.string(),
      severity,
      status: z.enum(['deviation', 'to_verify']),
      findings: z.array(z.number()),
    }),
  ),
  findings: z.array(
    z.object({
      index: z.number(),
      text: z.string(),
      location: z.string().optional(),
      itemId: z.string().nullable(),
      matchedBy: z.enum(['item_id', 'keywords']).nullable(),
      severity: severity.nullable(),
    }),
  ),
  suggestions: z.array(
    z.object({
      priority: z.enum(['immediately', 'within_4_weeks', 'next_maintenance']),
      itemId: z.string().nullable(),
      text: z.string(),
      rule: z.string(),
    }),
  ),
  summary: z.string(),
  counts: z.object({ items: z.number(), deviations: z.number(), critical: z.number(), unmapped: z.number() }),
  createdAt: isoTime,
};

export const NewAuditSchema = z
  .object({
    id: z.string(),
    ...auditResult,
    wording: z.object({ source: z.enum(['rules', 'llm']), fallback: z.string().optional() }),
    costMicros: z.number(),
    report: z.object({ markdown: z.string(), html: z.string() }),
  })
  .openapi('NewBmaAudit');

export const AuditSchema = z
  .object({ id: z.string(), customer: z.string().nullable(), engagementId: z.string().nullable(), ...auditResult })
  .openapi('BmaAudit');
