import { and, count, desc, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import type { ContentChannel, ContentPublicationRow, ContentStatus } from '../db/content-schema';
import { contentItems, contentPublications } from '../db/content-schema';
import type { D1Db } from '../db/d1';

export interface ItemFilter {
  status?: ContentStatus;
  channel?: ContentChannel;
  ideaId?: string;
}

/** Newest first, `limit` per page; `before` is the seq of the last item of the previous page. */
export async function listItems(db: D1Db, filter: ItemFilter, limit: number, before?: number) {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(contentItems.status, filter.status));
  if (filter.channel) where.push(eq(contentItems.channel, filter.channel));
  if (filter.ideaId) where.push(eq(contentItems.ideaId, filter.ideaId));
  if (before !== undefined) where.push(lt(contentItems.seq, before));
  const rows = await db
    .select()
    .from(contentItems)
    .where(and(...where))
    .orderBy(desc(contentItems.seq))
    .limit(limit + 1)
    .all();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextSeq: rows.length > limit && last ? last.seq : undefined };
}

export async function publicationsOf(db: D1Db, itemIds: string[]) {
  if (itemIds.length === 0) return new Map<string, ContentPublicationRow>();
  const rows = await db.select().from(contentPublications).where(inArray(contentPublications.itemId, itemIds)).all();
  return new Map(rows.map((row) => [row.itemId, row]));
}

/** What went out between `from` and `to`, newest first, with its remote ids (none for a dry run). */
export async function publishedBetween(
  db: D1Db,
  from: number,
  to: number,
  channel: ContentChannel | undefined,
  limit: number,
) {
  const where = [
    eq(contentItems.status, 'published'),
    gte(contentItems.publishedAt, from),
    lte(contentItems.publishedAt, to),
  ];
  if (channel) where.push(eq(contentItems.channel, channel));
  return db
    .select({ item: contentItems, publication: contentPublications })
    .from(contentItems)
    .innerJoin(contentPublications, eq(contentPublications.itemId, contentItems.id))
    .where(and(...where))
    .orderBy(desc(contentItems.publishedAt))
    .limit(limit)
    .all();
}

/** Published items per channel in [from, to), real and dry runs apart: the weekly review's content KPI. */
export async function publishedCounts(db: D1Db, from: number, to: number) {
  return db
    .select({ channel: contentItems.channel, dryRun: contentPublications.dryRun, published: count() })
    .from(contentItems)
    .innerJoin(contentPublications, eq(contentPublications.itemId, contentItems.id))
    .where(
      and(eq(contentItems.status, 'published'), gte(contentItems.publishedAt, from), lt(contentItems.publishedAt, to)),
    )
    .groupBy(contentItems.channel, contentPublications.dryRun)
    .all();
}
