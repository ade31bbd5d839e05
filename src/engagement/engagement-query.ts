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

const groupKey: Record<EngagementGrouping, SQL> = {
  channel: sql`channel`,
  format: sql`format`,
  // A sales e-mail's "idea" is its sequence.
  idea: sql`coalesce(idea_id, sequence_id, '')`,
  // The posting slot as the hour it went out, UTC.
  slot: sql`strftime('%H:00', posted_at / 1000, 'unixepoch')`,
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

/** Totals of everything that went out in [from, to), grouped one way. */
export function engagementSummary(db: D1Db, from: number, to: number, groupBy: EngagementGrouping) {
  return db.all<EngagementGroup>(sql`
    select ${groupKey[groupBy]} as key, count(*) as subjects,
           sum(impressions) as impressions, sum(likes) as likes, sum(reposts) as reposts,
           sum(replies) as replies, sum(quotes) as quotes, sum(bookmarks) as bookmarks,
           sum(delivered) as delivered, sum(opened) as opened, sum(clicked) as clicked,
           sum(bounced) as bounced, sum(complained) as complained
      from ${engagementTotals}
     where posted_at >= ${from} and posted_at < ${to}
     group by key
     order by key`);
}
