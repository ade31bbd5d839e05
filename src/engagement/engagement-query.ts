import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { findItem } from '../content/item-store';
import type { D1Db } from '../db/d1';
import { engagementSnapshots, engagementTotals } from '../db/engagement-schema';
import { NotFoundError } from '../lib/domain-errors';

const SNAPSHOTS_SHOWN = 50;

/** A content item's engagement: current totals and its X readings, newest first. */
export async function itemEngagement(db: D1Db, itemId: string) {
  const item = await findItem(db, itemId);
  if (!item) throw new NotFoundError(`No content item ${itemId}`);
  const totals = await db
    .select()
    .from(engagementTotals)
    .where(and(eq(engagementTotals.subjectKind, 'publication'), eq(engagementTotals.subjectId, itemId)))
    .get();
  const snapshots = await db
    .select()
    .from(engagementSnapshots)
    .where(eq(engagementSnapshots.itemId, itemId))
    .orderBy(desc(engagementSnapshots.readAt))
    .limit(SNAPSHOTS_SHOWN)
    .all();
  return { item, totals, snapshots };
}

export const engagementGroupings = ['channel', 'format', 'idea', 'slot'] as const;
export type EngagementGrouping = (typeof engagementGroupings)[number];

const groupKey: Record<Exclude<EngagementGrouping, 'slot'>, SQL> = {
  channel: sql`channel`,
  format: sql`format`,
  // A sales e-mail's "idea" is its sequence.
  idea: sql`coalesce(idea_id, sequence_id, '')`,
};

export interface EngagementGroup {
  key: string;
  subjects: number;
  impressions: number;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number;
  delivered: number;
  opened: number;
  clicked: number;
  bounced: number;
  complained: number;
}

const counted = [
  'impressions',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'bookmarks',
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'complained',
] as const;

const sums = sql.raw(counted.map((column) => `sum(${column}) as ${column}`).join(', '));

const emptyGroup = (key: string): EngagementGroup => ({
  key,
  subjects: 0,
  impressions: 0,
  likes: 0,
  reposts: 0,
  replies: 0,
  quotes: 0,
  bookmarks: 0,
  delivered: 0,
  opened: 0,
  clicked: 0,
  bounced: 0,
  complained: 0,
});

/**
 * The posting slot a time falls in: its hour on the owner's clock (SCHEDULE_TIMEZONE, where the
 * slots are set), which SQLite cannot compute, so these are grouped here.
 */
async function bySlot(db: D1Db, from: number, to: number, timezone: string): Promise<EngagementGroup[]> {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', hourCycle: 'h23' });
  const rows = await db.all<{ posted_at: number } & Omit<EngagementGroup, 'key' | 'subjects'>>(sql`
    select posted_at, ${sql.raw(counted.join(', '))} from ${engagementTotals}
     where posted_at >= ${from} and posted_at < ${to}`);
  const groups = new Map<string, EngagementGroup>();
  for (const row of rows) {
    const key = `${hour.format(new Date(row.posted_at))}:00`;
    const group = groups.get(key) ?? emptyGroup(key);
    group.subjects += 1;
    for (const column of counted) group[column] += row[column];
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** Totals of everything that went out in [from, to), grouped one way. */
export function engagementSummary(
  db: D1Db,
  window: { from: number; to: number; timezone: string },
  groupBy: EngagementGrouping,
): Promise<EngagementGroup[]> {
  const { from, to } = window;
  if (groupBy === 'slot') return bySlot(db, from, to, window.timezone);
  return db.all<EngagementGroup>(sql`
    select ${groupKey[groupBy]} as key, count(*) as subjects, ${sums}
      from ${engagementTotals}
     where posted_at >= ${from} and posted_at < ${to}
     group by key
     order by key`);
}
