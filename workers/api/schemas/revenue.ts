import { z } from '@hono/zod-openapi';
import { revenueSources } from '../../../src/db/revenue-schema';
import { isoTime } from '../../http/responses';

const AmountSchema = z.object({ currency: z.string(), amountMicros: z.number(), count: z.number() }).openapi('Amount');

export const RevenueSummarySchema = z
  .object({
    from: isoTime,
    to: isoTime,
    totals: z.array(AmountSchema),
    bySource: z.array(AmountSchema.extend({ source: z.string() })),
    byProduct: z.array(AmountSchema.extend({ source: z.string(), product: z.string() })),
    refunds: z.array(AmountSchema),
  })
  .openapi('RevenueSummary');

export const RecordedOrderSchema = z
  .object({
    id: z.string(),
    source: z.enum(revenueSources),
    orderId: z.string(),
    amountMicros: z.number(),
    currency: z.string(),
    product: z.string().nullable(),
    at: isoTime,
  })
  .openapi('RecordedOrder');
