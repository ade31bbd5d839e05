import { z } from '@hono/zod-openapi';
import { LeadEventSchema, LeadSchema } from './crm';
import { NuggetSchema } from './memory';

const rows = z.array(z.record(z.string(), z.unknown()));

export const LeadDataExportSchema = z
  .object({
    lead: LeadSchema,
    events: z.array(LeadEventSchema),
    enrolments: rows.describe('Sequence enrolments, as stored'),
    emails: rows.describe('Sequence e-mails sent or claimed for the lead, as stored'),
    purchases: rows.describe('Revenue events whose buyer e-mail is the lead’s'),
    doNotEmail: z.boolean().describe('The address is on the do-not-email list (plain, or hashed after an erasure)'),
    memory: z.array(NuggetSchema).describe('Memory nuggets whose text names the lead (id, address or name)'),
    postgres: z
      .object({
        messages: rows.describe('Messages exchanged with a model that name the lead'),
        conversations: rows.describe('Conversations whose title names the lead'),
        auditEntries: rows.describe('Audit entries about the lead or naming it'),
        ledgerCalls: rows.describe('LLM calls whose end user or labels name the lead'),
        ledgerDays: rows.describe('Daily sums of older calls made for the lead as end user'),
      })
      .nullable()
      .describe('null when no Postgres is configured'),
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
      memoryItems: z.number().int().describe('Memory nuggets naming the lead, deleted'),
      cachedAnswers: z.number().int().describe('Cached LLM answers about the lead, deleted'),
      postgres: z
        .object({
          messages: z.number().int(),
          conversations: z.number().int(),
          auditEntriesCleared: z.number().int().describe('Kept without their details'),
          ledgerRowsAnonymised: z
            .number()
            .int()
            .describe('Ledger rows and folded days kept for the books, without end user or labels'),
        })
        .nullable()
        .describe('null when no Postgres is configured'),
    }),
  })
  .openapi('LeadErasure');
