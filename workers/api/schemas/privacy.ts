import { z } from '@hono/zod-openapi';
import { LeadEventSchema, LeadSchema } from './crm';

const rows = z.array(z.record(z.string(), z.unknown()));

export const LeadDataExportSchema = z
  .object({
    lead: LeadSchema,
    events: z.array(LeadEventSchema),
    enrolments: rows.describe('Sequence enrolments, as stored'),
    emails: rows.describe('Sequence e-mails sent or claimed for the lead, as stored'),
    purchases: rows.describe('Revenue events whose buyer e-mail is the lead’s'),
    doNotEmail: z.boolean().describe('The address is on the do-not-email list'),
  })
  .openapi('LeadDataExport');

export const LeadErasureSchema = z
  .object({
    erased: z.literal(true),
    id: z.string(),
    removed: z.object({
      events: z.number().int(),
      enrolments: z.number().int(),
      emails: z.number().int(),
      unsubscribeLinks: z.number().int(),
      purchasesAnonymised: z.number().int().describe('Kept for the books, without the buyer’s address'),
    }),
  })
  .openapi('LeadErasure');
