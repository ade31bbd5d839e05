import { and, eq, gte, sql } from 'drizzle-orm';
import { X_LOOKUP_MAX_IDS, type XClient, type XPublicMetrics, XRateLimited } from '../channels/x/client';
import { contentItems, contentPublications } from '../db/content-schema';
import type { D1Db } from '../db/d1';
import { engagementSnapshots, engagementTotals } from '../db/engagement-schema';

const DAY = 86_400_000;
// A bound on one run's work: three posts a day for a month is far below it.
const MAX_ITEMS = 500;

export interface XReadbackSummary {
  /** Items whose metrics were stored. */
  read: number;
  /** Items none of whose posts X could find any more (deleted). */
  gone: number;
  /** Items left for the next run because X said 429 first. */
  left: number;
  /** When X's rate limit resets, if it stopped this run. */
  rateLimitedUntil?: string;
}

interface LivePost {
  itemId: string;
  ideaId: string;
  postIds: string[];
  postedAt: number;
}

/** Live X publications (never dry runs) that went out in the last `days`. */
function livePosts(db: D1Db, since: number) {
  return db
    .select({
      itemId: contentPublications.itemId,
      ideaId: contentItems.ideaId,
      postIds: contentPublications.remoteIds,
      postedAt: sql<number>`coalesce(${contentItems.publishedAt}, ${contentPublications.finishedAt})`,
    })
    .from(contentPublications)
    .innerJoin(contentItems, eq(contentItems.id, contentPublications.itemId))
    .where(
      and(
        eq(contentPublications.channel, 'x'),
        eq(contentPublications.state, 'sent'),
        eq(contentPublications.dryRun, false),
        gte(contentPublications.finishedAt, since),
      ),
    )
    .limit(MAX_ITEMS)
    .all();
}

/** Items grouped into lookups of at most 100 ids, an item's posts kept in one lookup. */
function batches(items: readonly LivePost[]): LivePost[][] {
  const out: LivePost[][] = [];
  let current: LivePost[] = [];
  let size = 0;
  for (const item of items) {
    const ids = item.postIds.slice(0, X_LOOKUP_MAX_IDS);
    if (size + ids.length > X_LOOKUP_MAX_IDS && current.length > 0) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push({ ...item, postIds: ids });
    size += ids.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

const sum = (metrics: XPublicMetrics[], key: keyof XPublicMetrics) =>
  metrics.reduce((total, entry) => total + entry[key], 0);

async function store(db: D1Db, item: LivePost, metrics: XPublicMetrics[], now: number) {
  const totals = {
    impressions: sum(metrics, 'impression_count'),
    likes: sum(metrics, 'like_count'),
    reposts: sum(metrics, 'retweet_count'),
    replies: sum(metrics, 'reply_count'),
    quotes: sum(metrics, 'quote_count'),
    bookmarks: sum(metrics, 'bookmark_count'),
  };
  await db.batch([
    db.insert(engagementSnapshots).values({ itemId: item.itemId, readAt: now, posts: metrics.length, ...totals }),
    db
      .insert(engagementTotals)
      .values({
        subjectKind: 'publication',
        subjectId: item.itemId,
        channel: 'x',
        ideaId: item.ideaId,
        format: item.postIds.length > 1 ? 'thread' : 'post',
        postedAt: item.postedAt,
        metricsReadAt: now,
        updatedAt: now,
        ...totals,
      })
      .onConflictDoUpdate({
        target: [engagementTotals.subjectKind, engagementTotals.subjectId],
        set: { ...totals, metricsReadAt: now, updatedAt: now },
      }),
  ]);
}

/**
 * Reads `public_metrics` of every live X post of the last `days` and stores one snapshot per item
 * (a thread's posts summed). A 429 ends the run early without failing it: what was read is kept,
 * the rest waits for the next run.
 */
export async function readXMetrics(db: D1Db, client: XClient, days: number, now: number): Promise<XReadbackSummary> {
  const items = (await livePosts(db, now - days * DAY)).filter((item) => item.postIds.length > 0);
  const summary: XReadbackSummary = { read: 0, gone: 0, left: 0 };
  const groups = batches(items);
  for (const [index, group] of groups.entries()) {
    let answer: Awaited<ReturnType<XClient['postMetrics']>>;
    try {
      answer = await client.postMetrics(group.flatMap((item) => item.postIds));
    } catch (error) {
      if (!(error instanceof XRateLimited)) throw error;
      summary.rateLimitedUntil = new Date(error.resetAt).toISOString();
      summary.left = groups.slice(index).reduce((count, rest) => count + rest.length, 0);
      break;
    }
    for (const item of group) {
      const metrics = item.postIds.flatMap((id) => answer.found.get(id) ?? []);
      if (metrics.length === 0) summary.gone += 1;
      else {
        await store(db, item, metrics, now);
        summary.read += 1;
      }
    }
  }
  return summary;
}
