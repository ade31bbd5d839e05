import { z } from '@hono/zod-openapi';
import { matchMethods, revenueSources } from '../../../src/db/revenue-schema';
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
    leadId: z
      .string()
      .nullable()
      .describe('The lead the order was matched to (by leadId or buyer e-mail); null when none'),
  })
  .openapi('RecordedOrder');

export const ConversionSchema = z
  .object({
    saleId: z.string(),
    leadId: z.string(),
    matchedBy: z
      .enum(matchMethods)
      .describe('email: the buyer e-mail is a lead; manual: named on the order; linked: linked later'),
    segmentIds: z.array(z.string()).describe('The segments whose rules held the lead when its sale was matched'),
    leadSource: z.string().nullable().describe("The lead's source then, lower-cased"),
    sequenceIds: z.array(z.string()).describe('The sequences the lead was enrolled in then'),
    matchedAt: isoTime,
  })
  .openapi('Conversion');

export const LinkResultSchema = z
  .object({
    conversion: ConversionSchema,
    changed: z.boolean().describe('False when the sale was already linked to this lead'),
  })
  .openapi('LinkResult');

export const UnmatchedSaleSchema = z
  .object({
    id: z.string().describe('The sale id to link'),
    source: z.enum(revenueSources),
    orderId: z.string(),
    amountMicros: z.number(),
    currency: z.string(),
    product: z.string(),
    buyerEmail: z.string().nullable(),
    at: isoTime,
  })
  .openapi('UnmatchedSale');

export const UnmatchedSalesSchema = z.object({ items: z.array(UnmatchedSaleSchema) }).openapi('UnmatchedSales');

const CurrencyAmountSchema = z.object({ currency: z.string(), amountMicros: z.number() }).openapi('CurrencyAmount');
const ConversionGroupSchema = z.object({
  leads: z.number().describe('Leads in the group that existed before `to`, plus converted leads credited to it'),
  convertedLeads: z.number().describe('Distinct leads of the group with a paid sale made in the window'),
  rate: z.number().describe('convertedLeads / leads, to four places'),
  revenue: z.array(CurrencyAmountSchema).describe('Per currency, micro-units'),
});

export const ConversionReportSchema = z
  .object({
    from: isoTime,
    to: isoTime,
    convertedLeads: z.number(),
    sales: z.number().describe('Matched paid sales in the window'),
    unmatchedSales: z.number().describe('Paid sales in the window that no lead is matched to'),
    revenue: z.array(CurrencyAmountSchema).describe('What the matched sales brought, per currency'),
    bySegment: z.array(ConversionGroupSchema.extend({ segmentId: z.string(), name: z.string() })),
    bySource: z.array(ConversionGroupSchema.extend({ source: z.string().describe("Lower-cased; 'unknown' for none") })),
    bySequence: z.array(ConversionGroupSchema.extend({ sequenceId: z.string(), name: z.string().nullable() })),
  })
  .openapi('ConversionReport');
