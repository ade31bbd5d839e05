import { and, count, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import { leads } from '../db/crm-schema';
import type { D1Db } from '../db/d1';
import { conversions, revenueEvents } from '../db/revenue-schema';
import { enrolments, segments, sequences } from '../db/sales-schema';
import { segmentCondition } from '../sales/segment-rules';
import { sourceKey } from './attribution';
import {
  byRate,
  type ConversionGroup,
  type CountedConversion,
  groupConversions,
  UNKNOWN_SOURCE,
} from './conversion-groups';

export interface ConversionReport {
  from: number;
  to: number;
  /** Distinct leads with a paid (not refunded) sale made in the window. */
  convertedLeads: number;
  sales: number;
  unmatchedSales: number;
  revenue: { currency: string; amountMicros: number }[];
  bySegment: (ConversionGroup & { segmentId: string; name: string })[];
  bySource: (ConversionGroup & { source: string })[];
  bySequence: (ConversionGroup & { sequenceId: string; name: string | null })[];
}

const inIds = (column: typeof leads.id | typeof enrolments.leadId, ids: string[]) =>
  sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;

const countedInWindow = (db: D1Db, from: number, to: number) =>
  db
    .select({
      leadId: conversions.leadId,
      segmentIds: conversions.segmentIds,
      leadSource: conversions.leadSource,
      sequenceIds: conversions.sequenceIds,
      amountMicros: revenueEvents.amountMicros,
      currency: revenueEvents.currency,
    })
    .from(conversions)
    .innerJoin(revenueEvents, eq(revenueEvents.id, conversions.saleId))
    .where(and(eq(revenueEvents.status, 'paid'), gte(revenueEvents.at, from), lt(revenueEvents.at, to)))
    .all();

/**
 * Leads in a segment: those its rules hold now (any status) that existed before `to`, and the
 * converted leads the segment was credited with even if they no longer fit its rules. So a rate
 * never passes 1.
 */
async function segmentSizes(db: D1Db, to: number, credited: Map<string, Set<string>>) {
  const all = await db.select().from(segments).all();
  return Promise.all(
    all.map(async (segment) => {
      const where = and(lt(leads.createdAt, to), segmentCondition(segment.rules, { everyStatus: true }));
      const ids = [...(credited.get(segment.id) ?? [])];
      const [members, creditedMembers] = await Promise.all([
        db.select({ n: count() }).from(leads).where(where).get(),
        ids.length === 0
          ? { n: 0 }
          : db
              .select({ n: count() })
              .from(leads)
              .where(and(where, inIds(leads.id, ids)))
              .get(),
      ]);
      const size = (members?.n ?? 0) + ids.length - (creditedMembers?.n ?? 0);
      return { segmentId: segment.id, name: segment.name, size };
    }),
  );
}

/** Leads per source that existed before `to`, plus converted leads credited to a source they no longer carry. */
async function sourceSizes(db: D1Db, to: number, credited: Map<string, Set<string>>) {
  const key = sql<string>`coalesce(nullif(lower(trim(${leads.source})), ''), ${UNKNOWN_SOURCE})`;
  const rows = await db.select({ source: key, n: count() }).from(leads).where(lt(leads.createdAt, to)).groupBy(key);
  const sizes = new Map(rows.map((row) => [row.source, row.n]));
  const ids = [...new Set([...credited.values()].flatMap((set) => [...set]))];
  const now =
    ids.length === 0
      ? []
      : await db
          .select({ id: leads.id, source: leads.source, createdAt: leads.createdAt })
          .from(leads)
          .where(inIds(leads.id, ids));
  const current = new Map(now.map((lead) => [lead.id, lead]));
  for (const [source, leadIds] of credited)
    for (const id of leadIds) {
      const lead = current.get(id);
      const counted = lead && lead.createdAt < to && (sourceKey(lead.source) ?? UNKNOWN_SOURCE) === source;
      if (!counted) sizes.set(source, (sizes.get(source) ?? 0) + 1);
    }
  return sizes;
}

/** Leads enrolled in each sequence before `to`, plus converted leads credited to it otherwise. */
async function sequenceSizes(db: D1Db, to: number, credited: Map<string, Set<string>>) {
  const [rows, names] = await Promise.all([
    db
      .select({ sequenceId: enrolments.sequenceId, n: sql<number>`count(distinct ${enrolments.leadId})` })
      .from(enrolments)
      .where(lt(enrolments.enrolledAt, to))
      .groupBy(enrolments.sequenceId),
    db.select({ id: sequences.id, name: sequences.name }).from(sequences),
  ]);
  const sizes = new Map(rows.map((row) => [row.sequenceId, Number(row.n)]));
  const ids = [...new Set([...credited.values()].flatMap((set) => [...set]))];
  const enrolled =
    ids.length === 0
      ? []
      : await db
          .select({ leadId: enrolments.leadId, sequenceId: enrolments.sequenceId })
          .from(enrolments)
          .where(and(inIds(enrolments.leadId, ids), lt(enrolments.enrolledAt, to)));
  const pairs = new Set(enrolled.map((row) => `${row.leadId}\u0000${row.sequenceId}`));
  for (const [sequenceId, leadIds] of credited)
    for (const id of leadIds)
      if (!pairs.has(`${id}\u0000${sequenceId}`)) sizes.set(sequenceId, (sizes.get(sequenceId) ?? 0) + 1);
  return { sizes, names: new Map(names.map((row) => [row.id, row.name])) };
}

/** Conversion rates by segment, lead source and sequence for sales made in [from, to). */
export async function conversionReport(db: D1Db, from: number, to: number): Promise<ConversionReport> {
  const [counted, unmatched] = await Promise.all([
    countedInWindow(db, from, to) as Promise<CountedConversion[]>,
    db
      .select({ n: count() })
      .from(revenueEvents)
      .leftJoin(conversions, eq(conversions.saleId, revenueEvents.id))
      .where(
        and(
          eq(revenueEvents.status, 'paid'),
          isNull(conversions.saleId),
          gte(revenueEvents.at, from),
          lt(revenueEvents.at, to),
        ),
      )
      .get(),
  ]);
  const grouped = groupConversions(counted);
  const [segmentRows, sources, sequenceInfo] = await Promise.all([
    segmentSizes(db, to, grouped.credited('segment')),
    sourceSizes(db, to, grouped.credited('source')),
    sequenceSizes(db, to, grouped.credited('sequence')),
  ]);
  return {
    from,
    to,
    convertedLeads: grouped.total.convertedLeads,
    sales: counted.length,
    unmatchedSales: unmatched?.n ?? 0,
    revenue: grouped.total.revenue,
    bySegment: segmentRows
      .map((row) => ({
        segmentId: row.segmentId,
        name: row.name,
        ...grouped.group('segment', row.segmentId, row.size),
      }))
      .sort(byRate),
    bySource: [...sources].map(([source, size]) => ({ source, ...grouped.group('source', source, size) })).sort(byRate),
    bySequence: [...sequenceInfo.sizes]
      .map(([sequenceId, size]) => ({
        sequenceId,
        name: sequenceInfo.names.get(sequenceId) ?? null,
        ...grouped.group('sequence', sequenceId, size),
      }))
      .sort(byRate),
  };
}
