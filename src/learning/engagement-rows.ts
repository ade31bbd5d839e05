import { and, eq, gte, lt } from 'drizzle-orm';
import { contentIdeas } from '../db/content-schema';
import type { D1Db } from '../db/d1';
import { engagementTotals } from '../db/engagement-schema';

/** One publication's engagement as learning reads it. */
export interface PublicationEngagement {
  channel: string;
  format: string;
  ideaId: string | null;
  topic: string | null;
  postedAt: number;
  /** Likes, reposts, replies, quotes, bookmarks and clicks: acts of a reader, not opens (mail clients fake those). */
  engaged: number;
  /** Impressions on a social channel, deliveries for mail: who could have engaged. */
  reach: number;
}

/** The publications that went out in [from, to) and have been read back; one without a reading yet says nothing. */
export async function publicationsBetween(db: D1Db, from: number, to: number): Promise<PublicationEngagement[]> {
  const rows = await db
    .select({ totals: engagementTotals, topic: contentIdeas.topic })
    .from(engagementTotals)
    .leftJoin(contentIdeas, eq(contentIdeas.id, engagementTotals.ideaId))
    .where(
      and(
        eq(engagementTotals.subjectKind, 'publication'),
        gte(engagementTotals.postedAt, from),
        lt(engagementTotals.postedAt, to),
      ),
    )
    .all();
  return rows
    .map(({ totals, topic }) => ({
      channel: totals.channel,
      format: totals.format,
      ideaId: totals.ideaId,
      topic,
      postedAt: totals.postedAt,
      engaged: totals.likes + totals.reposts + totals.replies + totals.quotes + totals.bookmarks + totals.clicked,
      reach: totals.impressions + totals.delivered,
    }))
    .filter((row) => row.reach > 0);
}
