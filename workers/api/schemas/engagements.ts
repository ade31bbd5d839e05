import { z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { bmaEngagements } from '../../../src/db/bma-schema';
import { isoTime } from '../../http/responses';

const engagementRow = createSelectSchema(bmaEngagements);

export const EngagementSchema = engagementRow
  .pick({ id: true, customer: true, site: true, description: true, feeMicros: true, currency: true, status: true })
  .extend({
    nextStatuses: z.array(engagementRow.shape.status),
    invoicedAt: isoTime.nullable(),
    paidAt: isoTime.nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .openapi('Engagement');

export const EngagementListSchema = z.object({ items: z.array(EngagementSchema) }).openapi('EngagementList');

const perCurrency = z.record(z.string(), z.number()).describe('Micro-units by currency code');

export const ConsultingRevenueSchema = z
  .object({
    from: isoTime,
    to: isoTime,
    paidMicros: perCurrency.describe('Paid in the window'),
    openInvoicedMicros: perCurrency.describe('Invoiced in the window and not yet paid'),
    paidCount: z.number(),
    pipelineMicros: perCurrency,
  })
  .openapi('ConsultingRevenue');
