import { sql } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { type ConversionGroup, rate } from '../revenue/conversion-groups';
import { conversionReport } from '../revenue/conversion-report';
import type { MetricFamily } from './prometheus';

/** Lead sources are free text: only the largest get their own series, the rest are summed as "other". */
export const SOURCE_SERIES = 10;

/** The series that sums the smaller lead sources. */
export const OTHER = 'other';

export function sourceRates(bySource: (ConversionGroup & { source: string })[]) {
  // A source really called "other" joins the rest, so no two series carry the same label.
  const largest = [...bySource].sort(
    (a, b) =>
      Number(a.source === OTHER) - Number(b.source === OTHER) || b.leads - a.leads || a.source.localeCompare(b.source),
  );
  const named = largest.filter((group) => group.source !== OTHER).length;
  const kept = largest.slice(0, Math.min(SOURCE_SERIES, named));
  const rest = largest.slice(kept.length);
  if (rest.length > 0) {
    const leads = rest.reduce((sum, group) => sum + group.leads, 0);
    const convertedLeads = rest.reduce((sum, group) => sum + group.convertedLeads, 0);
    kept.push({ source: OTHER, leads, convertedLeads, rate: rate(convertedLeads, leads), revenue: [] });
  }
  return kept;
}

/**
 * Conversions over all time (a paid sale matched to its lead; refunded ones do not count), from
 * D1 like the other business figures. Gauges: a refund or a relink takes a conversion back.
 */
export async function conversionFamilies(d1: D1Db, now: number): Promise<MetricFamily[]> {
  const [byShop, report] = await Promise.all([
    d1.all<{ source: string; matched: number; unmatched: number }>(
      sql`select e.source, count(c.sale_id) as matched, count(*) - count(c.sale_id) as unmatched
          from revenue_events e left join conversions c on c.sale_id = e.id
          where e.status = 'paid' group by e.source`,
    ),
    conversionReport(d1, 0, now + 1),
  ]);
  return [
    {
      name: 'empire_conversions',
      help: 'Paid sales matched to a lead, by shop (global: from D1).',
      type: 'gauge',
      samples: byShop.map((row) => ({ labels: { source: row.source }, value: Number(row.matched) })),
    },
    {
      name: 'empire_unmatched_sales',
      help: 'Paid sales no lead is matched to yet, by shop: link them with POST /api/revenue/{saleId}/link.',
      type: 'gauge',
      samples: byShop.map((row) => ({ labels: { source: row.source }, value: Number(row.unmatched) })),
    },
    {
      name: 'empire_segment_conversion_rate',
      help: 'Converted leads / leads of each sales segment, credited by the segments a lead was in when it bought.',
      type: 'gauge',
      samples: report.bySegment.map((group) => ({ labels: { segment: group.name }, value: group.rate })),
    },
    {
      name: 'empire_source_conversion_rate',
      help: `Converted leads / leads per lead source (the ${SOURCE_SERIES} largest; the rest as "other").`,
      type: 'gauge',
      samples: sourceRates(report.bySource).map((group) => ({
        labels: { lead_source: group.source },
        value: group.rate,
      })),
    },
  ];
}
