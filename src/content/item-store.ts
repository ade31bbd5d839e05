import { and, desc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import {
  type ContentChannel,
  type ContentItemRow,
  type ContentStatus,
  type contentEventKinds,
  contentEvents,
  contentIdeas,
  contentItems,
} from '../db/content-schema';
import type { D1Db } from '../db/d1';
import { isUniqueViolation } from '../db/unique-violation';
import { canMoveContent, nextContentStatuses } from './lifecycle';
import { localDay, localDayBounds, type PostingPlan, slotTimes, startOfLocalDay } from './schedule';
import type { VariantBody } from './variants';

type EventKind = (typeof contentEventKinds)[number];

export interface IdeaInput {
  topic: string;
  brief?: string | null;
  origin: 'manual' | 'generated';
}

export async function createIdea(db: D1Db, input: IdeaInput, actor: string | null, now: number, id?: string) {
  const row = { id: id ?? crypto.randomUUID(), topic: input.topic, brief: input.brief ?? null, origin: input.origin };
  // With a given id the insert is idempotent: a second call returns the idea stored the first time.
  const inserted = await db
    .insert(contentIdeas)
    .values({ ...row, createdBy: actor, createdAt: now })
    .onConflictDoNothing()
    .returning()
    .get();
  return inserted ?? (await findIdea(db, row.id)) ?? Promise.reject(new Error(`idea ${row.id} vanished`));
}

export const findIdea = (db: D1Db, id: string) => db.select().from(contentIdeas).where(eq(contentIdeas.id, id)).get();

export const findItem = (db: D1Db, id: string) => db.select().from(contentItems).where(eq(contentItems.id, id)).get();

export const itemsOfIdea = (db: D1Db, ideaId: string) =>
  db.select().from(contentItems).where(eq(contentItems.ideaId, ideaId)).orderBy(contentItems.seq).all();

export const itemEvents = (db: D1Db, itemId: string, limit = 20) =>
  db
    .select()
    .from(contentEvents)
    .where(eq(contentEvents.itemId, itemId))
    .orderBy(desc(contentEvents.id))
    .limit(limit)
    .all();

const event = (itemId: string, kind: EventKind, data: Record<string, unknown>, actor: string | null, at: number) => ({
  itemId,
  kind,
  data,
  actor,
  at,
});

const slugOf = (channel: ContentChannel, body: VariantBody) =>
  channel === 'blog' && 'slug' in body ? body.slug : null;

export type DraftResult = { ok: true; item: ContentItemRow } | { ok: false; reason: 'not_draft' };

/**
 * Stores `body` as the idea's draft for `channel`, replacing an earlier draft. A variant that was
 * already approved or later is left alone. A blog slug taken by another post gets a -2, -3 … suffix.
 */
export async function saveDraft(
  db: D1Db,
  ideaId: string,
  channel: ContentChannel,
  body: VariantBody,
  actor: string | null,
  now: number,
): Promise<DraftResult> {
  const existing = await db
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.ideaId, ideaId), eq(contentItems.channel, channel)))
    .get();
  if (existing && existing.status !== 'draft') return { ok: false, reason: 'not_draft' };
  const baseSlug = slugOf(channel, body);
  for (let attempt = 1; attempt <= 50; attempt += 1) {
    const slug = baseSlug && attempt > 1 ? `${baseSlug.slice(0, 110)}-${attempt}` : baseSlug;
    const stored = slug && 'slug' in body ? { ...body, slug } : body;
    try {
      const item = existing
        ? await db
            .update(contentItems)
            .set({ body: stored, slug, revision: crypto.randomUUID(), updatedAt: now })
            .where(and(eq(contentItems.id, existing.id), eq(contentItems.status, 'draft')))
            .returning()
            .get()
        : await db
            .insert(contentItems)
            .values({
              id: crypto.randomUUID(),
              ideaId,
              channel,
              status: 'draft',
              body: stored,
              slug,
              revision: crypto.randomUUID(),
              createdAt: now,
              updatedAt: now,
            })
            .returning()
            .get();
      if (!item) return { ok: false, reason: 'not_draft' };
      await db.insert(contentEvents).values(event(item.id, existing ? 'edited' : 'created', { channel }, actor, now));
      return { ok: true, item };
    } catch (error) {
      if (isUniqueViolation(error, 'content_items.slug')) continue;
      if (isUniqueViolation(error, 'content_items.idea_id')) return { ok: false, reason: 'not_draft' };
      throw error;
    }
  }
  throw new Error('no free slug');
}

export type MoveResult =
  | { ok: true; item: ContentItemRow }
  | { ok: false; reason: 'transition'; from: ContentStatus; to: ContentStatus; allowed: ContentStatus[] }
  | { ok: false; reason: 'stale' }
  | { ok: false; reason: 'no_slot' };

interface MoveOptions {
  actor: string | null;
  now: number;
  /** A further condition the row must meet at the moment it is written, checked in the same statement. */
  guard?: SQL;
  patch?: Partial<Pick<ContentItemRow, 'scheduledAt' | 'publishedAt' | 'lastError' | 'attempts'>>;
  note?: Record<string, unknown>;
}

/** Moves an item along its lifecycle, guarded on the revision read; the event is written with it. */
export async function moveItem(
  db: D1Db,
  current: ContentItemRow,
  to: ContentStatus,
  options: MoveOptions,
): Promise<MoveResult> {
  if (!canMoveContent(current.status, to))
    return { ok: false, reason: 'transition', from: current.status, to, allowed: nextContentStatuses(current.status) };
  const revision = crypto.randomUUID();
  const data = { from: current.status, to, ...options.note };
  const [updated] = await db.batch([
    db
      .update(contentItems)
      .set({ ...options.patch, status: to, revision, updatedAt: options.now })
      .where(and(eq(contentItems.id, current.id), eq(contentItems.revision, current.revision), options.guard))
      .returning(),
    db.insert(contentEvents).select(
      sql`select null, ${current.id}, 'status', ${JSON.stringify(data)}, ${options.actor}, ${options.now}
        where exists (select 1 from ${contentItems} where ${contentItems.id} = ${current.id} and ${contentItems.revision} = ${revision})`,
    ),
  ]);
  const item = updated[0];
  return item ? { ok: true, item } : { ok: false, reason: 'stale' };
}

/** Posts of the channel booked from `from` on: their times, and how many fall on each local day. */
async function bookings(db: D1Db, channel: ContentChannel, from: number, timezone: string) {
  const rows = await db
    .select({ at: contentItems.scheduledAt, status: contentItems.status })
    .from(contentItems)
    .where(
      and(
        eq(contentItems.channel, channel),
        inArray(contentItems.status, ['scheduled', 'published', 'failed']),
        gte(contentItems.scheduledAt, from),
      ),
    )
    .all();
  const taken = new Set<number>();
  const perDay = new Map<string, number>();
  for (const row of rows) {
    if (row.at === null) continue;
    if (row.status === 'scheduled') taken.add(row.at);
    const day = localDay(row.at, timezone);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return { taken, perDay };
}

/**
 * True while fewer than `cap` posts of the channel fall in [start, end). Checked inside the
 * scheduling write, so approvals racing for the last place of a day cannot both take it.
 */
const dayHasRoom = (channel: ContentChannel, [start, end]: readonly [number, number], cap: number) =>
  sql`(select count(*) from ${contentItems} where ${contentItems.channel} = ${channel}
    and ${contentItems.status} in ('scheduled', 'published', 'failed')
    and ${contentItems.scheduledAt} >= ${start} and ${contentItems.scheduledAt} < ${end}) < ${cap}`;

/**
 * Puts the item in the channel's next free slot at or after `from` (or exactly at `at`), skipping
 * local days that already hold the plan's daily cap, so what is over the cap rolls to the next
 * day. The slot index is unique, so when two items race for one slot the loser moves on to the next.
 */
export async function scheduleItem(
  db: D1Db,
  current: ContentItemRow,
  plan: PostingPlan,
  options: { actor: string | null; now: number; from?: number; at?: number },
): Promise<MoveResult> {
  const start = options.at ?? options.from ?? options.now;
  const { taken, perDay } = await bookings(db, current.channel, startOfLocalDay(start, plan.timezone), plan.timezone);
  const candidates =
    options.at === undefined
      ? slotTimes(plan, start)
      : [{ at: options.at, day: localDay(options.at, plan.timezone) }][Symbol.iterator]();
  const cap = options.at === undefined ? plan.dailyCap : undefined;
  let item = current;
  for (const { at, day } of candidates) {
    if (taken.has(at) || (cap !== undefined && (perDay.get(day) ?? 0) >= cap)) {
      if (options.at !== undefined) return { ok: false, reason: 'no_slot' };
      continue;
    }
    try {
      const guard = cap === undefined ? undefined : dayHasRoom(current.channel, localDayBounds(at, plan.timezone), cap);
      const moved = await moveItem(db, item, 'scheduled', {
        actor: options.actor,
        now: options.now,
        patch: { scheduledAt: at },
        note: { scheduledAt: new Date(at).toISOString() },
        guard,
      });
      // Not written, yet the item is as it was: another approval filled the day meanwhile.
      if (!moved.ok && moved.reason === 'stale' && guard) {
        const fresh = await findItem(db, current.id);
        if (fresh?.revision === item.revision) {
          perDay.set(day, cap ?? 0);
          continue;
        }
      }
      return moved;
    } catch (error) {
      if (!isUniqueViolation(error, 'content_items.channel')) throw error;
      // Another approval took this slot meanwhile, and with it a place in its day.
      taken.add(at);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
      if (options.at !== undefined) return { ok: false, reason: 'no_slot' };
      item = (await findItem(db, current.id)) ?? item;
    }
  }
  return { ok: false, reason: 'no_slot' };
}

/** Approval: draft -> approved -> scheduled in the next free slot of the channel. */
export async function approveItem(
  db: D1Db,
  current: ContentItemRow,
  plan: PostingPlan,
  actor: string | null,
  now: number,
): Promise<MoveResult> {
  const approved = await moveItem(db, current, 'approved', { actor, now });
  if (!approved.ok) return approved;
  return scheduleItem(db, approved.item, plan, { actor, now });
}

/** Scheduled items whose slot has come, and failed ones still worth another try. */
export async function dueItems(db: D1Db, now: number, maxAttempts: number, limit: number) {
  return db
    .select()
    .from(contentItems)
    .where(
      and(
        inArray(contentItems.status, ['scheduled', 'failed']),
        lt(contentItems.scheduledAt, now + 1),
        lt(contentItems.attempts, maxAttempts),
      ),
    )
    .orderBy(contentItems.scheduledAt)
    .limit(limit)
    .all();
}
