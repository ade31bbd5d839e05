import { and, gte, lt, sql } from 'drizzle-orm';
import { consultingRevenue } from '../bma/engagements';
import type { SpendRow } from '../budget/spend-query';
import { publishedCounts } from '../content/item-query';
import { pipelineSummary } from '../crm/pipeline-summary';
import { leads } from '../db/crm-schema';
import type { D1Db } from '../db/d1';
import { conversionReport } from '../revenue/conversion-report';
import { revenueSummary } from '../revenue/revenue-store';
import type { Amount } from '../revenue/summary';
import { type ContentPlan, contentTarget } from './content-target';

export const WEEK_MS = 7 * 86_400_000;

/** What the review reads: D1 for the business, the Postgres ledger for spend (USD micros), the budget currency. */
export interface KpiSources {
  d1: D1Db;
  spend(from: number, to: number, by: 'agent' | 'model'): Promise<SpendRow[]>;
  currency: string;
  currencyPerUsd: number;
  /** The ideas a day and the posting slots and caps the week's content is measured against. */
  contentPlan: ContentPlan;
}

export interface SpendLine {
  key: string;
  calls: number;
  /** In the budget currency, micro-units. */
  costMicros: number;
}

/** A group's conversion in the week: converted leads of the group's leads. */
export interface ConversionLine {
  key: string;
  leads: number;
  convertedLeads: number;
  rate: number;
}

export interface WeeklyKpis {
  from: string;
  to: string;
  leads: { new: number; newBySource: Record<string, number>; pipeline: Record<string, number> };
  content: {
    published: Record<string, number>;
    dryRun: Record<string, number>;
    /** Posts each channel could have published this week: CONTENT_IDEAS_PER_DAY a day within its slots and cap. */
    target: Record<string, number>;
    ideasPerDay: number;
  };
  /** Paid sales per currency (consulting included: a paid engagement is one `consulting` revenue event). */
  revenue: {
    totals: Amount[];
    bySource: (Amount & { source: string })[];
    refunds: Amount[];
    consultingInvoicedOpenMicros: Record<string, number>;
  };
  /** Leads with a paid sale this week; the best-converting segments and lead sources (at most three each). */
  conversions: {
    convertedLeads: number;
    unmatchedSales: number;
    topSegments: ConversionLine[];
    topSources: ConversionLine[];
  };
  spend: { currency: string; calls: number; costMicros: number; byAgent: SpendLine[]; byModel: SpendLine[] };
}

const top = (groups: { key: string; leads: number; convertedLeads: number; rate: number }[]): ConversionLine[] =>
  groups.filter((group) => group.convertedLeads > 0).slice(0, 3);

async function newLeads(db: D1Db, from: number, to: number) {
  const rows = await db
    .select({ source: sql<string>`coalesce(${leads.source}, 'unknown')`, n: sql<number>`count(*)` })
    .from(leads)
    .where(and(gte(leads.createdAt, from), lt(leads.createdAt, to)))
    .groupBy(sql`1`)
    .all();
  const bySource = Object.fromEntries(
    rows.map((row) => [row.source, Number(row.n)] as const).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
  );
  return { total: rows.reduce((sum, row) => sum + Number(row.n), 0), bySource };
}

/** The seven days [tick - 7 d, tick): leads, content, revenue and LLM spend. */
export async function weeklyKpis(sources: KpiSources, tick: number): Promise<WeeklyKpis> {
  const from = tick - WEEK_MS;
  const { d1 } = sources;
  const [fresh, pipeline, published, revenue, consulting, converted, byAgent, byModel] = await Promise.all([
    newLeads(d1, from, tick),
    pipelineSummary(d1, 0),
    publishedCounts(d1, from, tick),
    revenueSummary(d1, from, tick),
    consultingRevenue(d1, from, tick),
    conversionReport(d1, from, tick),
    sources.spend(from, tick, 'agent'),
    sources.spend(from, tick, 'model'),
  ]);
  const content = {
    published: {} as Record<string, number>,
    dryRun: {} as Record<string, number>,
    target: contentTarget(sources.contentPlan, from, tick),
    ideasPerDay: sources.contentPlan.ideasPerDay,
  };
  const mostFirst = [...published].sort((a, b) => b.published - a.published || a.channel.localeCompare(b.channel));
  for (const row of mostFirst) content[row.dryRun ? 'dryRun' : 'published'][row.channel] = Number(row.published);
  // The ledger holds USD micros; the owner reads the budget currency, as in /spend and the dashboard.
  const convert = (rows: SpendRow[]): SpendLine[] =>
    rows
      .map((row) => ({
        key: row.key || 'unscoped',
        calls: row.calls,
        costMicros: Math.round(row.costMicros * sources.currencyPerUsd),
      }))
      .sort((a, b) => b.costMicros - a.costMicros || a.key.localeCompare(b.key));
  const models = convert(byModel);
  return {
    from: new Date(from).toISOString(),
    to: new Date(tick).toISOString(),
    leads: { new: fresh.total, newBySource: fresh.bySource, pipeline: pipeline.counts },
    content,
    revenue: {
      totals: revenue.totals,
      bySource: revenue.bySource,
      refunds: revenue.refunds,
      consultingInvoicedOpenMicros: consulting.openInvoicedMicros,
    },
    conversions: {
      convertedLeads: converted.convertedLeads,
      unmatchedSales: converted.unmatchedSales,
      topSegments: top(
        converted.bySegment.map(({ name, leads, convertedLeads, rate }) => ({
          key: name,
          leads,
          convertedLeads,
          rate,
        })),
      ),
      topSources: top(
        converted.bySource.map(({ source, leads, convertedLeads, rate }) => ({
          key: source,
          leads,
          convertedLeads,
          rate,
        })),
      ),
    },
    spend: {
      currency: sources.currency,
      calls: models.reduce((sum, line) => sum + line.calls, 0),
      costMicros: models.reduce((sum, line) => sum + line.costMicros, 0),
      byAgent: convert(byAgent),
      byModel: models,
    },
  };
}
