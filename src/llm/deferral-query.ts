import { and, count, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { Refusal } from '../budget/types';
import type * as d1Schema from '../db/d1-schema';
import { deferredCalls } from '../db/d1-schema';
import type { ChatResult } from './types';

type D1 = DrizzleD1Database<typeof d1Schema>;

/** A deferred call as the API and the chats show it. */
export interface DeferralView extends Pick<typeof deferredCalls.$inferSelect, 'id' | 'status' | 'attempts' | 'error'> {
  notBefore: string;
  refusal: Refusal;
  result: ChatResult | null;
  createdAt: string;
  updatedAt: string;
}

type DeferralRow = typeof deferredCalls.$inferSelect;

function present(row: DeferralRow): DeferralView {
  return {
    id: row.id,
    status: row.status,
    attempts: row.attempts,
    notBefore: new Date(row.notBefore).toISOString(),
    // JSON columns: the deferral writes a Refusal and the router's ChatResult into them.
    refusal: row.refusal as Refusal,
    result: row.result as ChatResult | null,
    error: row.error,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** The API client a deferred call was made for (its budget scope), when it was one. */
const clientOf = sql`json_extract(${deferredCalls.request}, '$.scopes.client')`;

/**
 * One deferral with its state, and its result once it ran; undefined when there is no such id, or
 * when `client` is given and the call was not made for that client.
 */
export async function findDeferral(db: D1, id: string, client?: string): Promise<DeferralView | undefined> {
  const where = client === undefined ? eq(deferredCalls.id, id) : and(eq(deferredCalls.id, id), eq(clientOf, client));
  const row = await db.select().from(deferredCalls).where(where).get();
  return row ? present(row) : undefined;
}

export interface DeferralFilter {
  status?: DeferralRow['status'];
  /** Only the calls made for this API client. */
  client?: string;
}

/** Where a page ended: the last row's creation time and id. */
export interface DeferralPosition {
  createdAt: number;
  id: string;
}

/** Newest first, `limit` per page, after `position` (the last row of the previous page). */
export async function listDeferrals(db: D1, filter: DeferralFilter, limit: number, position?: DeferralPosition) {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(deferredCalls.status, filter.status));
  if (filter.client !== undefined) where.push(eq(clientOf, filter.client));
  if (position) {
    const older = or(
      lt(deferredCalls.createdAt, position.createdAt),
      and(eq(deferredCalls.createdAt, position.createdAt), lt(deferredCalls.id, position.id)),
    );
    if (older) where.push(older);
  }
  const rows = await db
    .select()
    .from(deferredCalls)
    .where(and(...where))
    .orderBy(desc(deferredCalls.createdAt), desc(deferredCalls.id))
    .limit(limit + 1)
    .all();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const next = rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : undefined;
  return { items: items.map(present), next };
}

/** How many refused calls still wait for their window. */
export async function countWaitingDeferrals(db: D1): Promise<number> {
  const [waiting] = await db.select({ n: count() }).from(deferredCalls).where(eq(deferredCalls.status, 'waiting'));
  return waiting?.n ?? 0;
}
