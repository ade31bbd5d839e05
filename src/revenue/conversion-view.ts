import type { ConversionRow, RevenueEventRow } from '../db/revenue-schema';
import type { ConversionReport } from './conversion-report';

const iso = (at: number) => new Date(at).toISOString();

export const presentConversion = (row: ConversionRow) => ({
  saleId: row.saleId,
  leadId: row.leadId,
  matchedBy: row.matchedBy,
  segmentIds: row.segmentIds,
  leadSource: row.leadSource,
  sequenceIds: row.sequenceIds,
  matchedAt: iso(row.matchedAt),
});

export const presentUnmatched = (sale: RevenueEventRow) => ({
  id: sale.id,
  source: sale.source,
  orderId: sale.externalId,
  amountMicros: sale.amountMicros,
  currency: sale.currency,
  product: sale.product,
  buyerEmail: sale.buyerEmail,
  at: iso(sale.at),
});

export const presentReport = (report: ConversionReport) => ({ ...report, from: iso(report.from), to: iso(report.to) });
