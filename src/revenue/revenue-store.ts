import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { type NewRevenueEvent, revenueEvents } from '../db/revenue-schema';
import { type RevenueGroup, type RevenueSummary, summarise } from './summary';

export type RecordOutcome = 'recorded' | 'duplicate' | 'refunded';

/** Stores a sale once per (source, external id); a refund marks the sale, recorded or not yet. */
export async function recordEvent(db: D1Db, event: NewRevenueEvent): Promise<RecordOutcome> {
  if (event.status === 'refunded') {
    const refundedAt = event.refundedAt ?? event.recordedAt;
    await db
      .insert(revenueEvents)
      .values(event)
      .onConflictDoUpdate({
        target: [revenueEvents.source, revenueEvents.externalId],
        set: { status: 'refunded', refundedAt: sql`coalesce(${revenueEvents.refundedAt}, ${refundedAt})` },
      });
    return 'refunded';
  }
  const inserted = await db
    .insert(revenueEvents)
    .values(event)
    .onConflictDoNothing()
    .returning({ id: revenueEvents.id });
  return inserted.length > 0 ? 'recorded' : 'duplicate';
}

export const findEvent = (db: D1Db, source: NewRevenueEvent['source'], externalId: string) =>
  db
    .select()
    .from(revenueEvents)
    .where(and(eq(revenueEvents.source, source), eq(revenueEvents.externalId, externalId)))
    .get();

/**
 * Sales made in [from, to), grouped by source, product, currency and status; with `refunds`,
 * the sales refunded in [from, to) whenever they were made.
 */
export async function revenueGroups(db: D1Db, from: number, to: number, refunds = false): Promise<RevenueGroup[]> {
  const column = refunds ? revenueEvents.refundedAt : revenueEvents.at;
  const rows = await db
    .select({
      source: revenueEvents.source,
      product: revenueEvents.product,
      currency: revenueEvents.currency,
      status: revenueEvents.status,
      amountMicros: sql<number>`sum(${revenueEvents.amountMicros})`,
      count: sql<number>`count(*)`,
    })
    .from(revenueEvents)
    .where(and(gte(column, from), lt(column, to)))
    .groupBy(revenueEvents.source, revenueEvents.product, revenueEvents.currency, revenueEvents.status);
  return rows.map((row) => ({ ...row, amountMicros: Number(row.amountMicros), count: Number(row.count) }));
}

/** The summary of [from, to): sales made then (refunded ones left out) and refunds made then. */
export async function revenueSummary(db: D1Db, from: number, to: number): Promise<RevenueSummary> {
  const [sales, refunds] = await Promise.all([revenueGroups(db, from, to), revenueGroups(db, from, to, true)]);
  return summarise(sales, refunds, from, to);
}
