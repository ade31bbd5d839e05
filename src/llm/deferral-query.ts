import { count, eq } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { Refusal } from '../budget/types';
import type * as d1Schema from '../db/d1-schema';
import { deferredCalls } from '../db/d1-schema';
import type { ChatRequest, ChatResult } from './types';

type D1 = DrizzleD1Database<typeof d1Schema>;

/** A deferred call as the API and the chats show it. */
export interface DeferralView extends Pick<typeof deferredCalls.$inferSelect, 'id' | 'status' | 'attempts' | 'error'> {
  notBefore: string;
  refusal: Refusal;
  result: ChatResult | null;
  createdAt: string;
  updatedAt: string;
}

/** One deferral with its state, and its result once it ran; undefined when there is no such id. */
/** A deferred call and the client whose call it was (null for the system's own calls). */
export async function findDeferral(
  db: D1,
  id: string,
): Promise<(DeferralView & { client: string | null }) | undefined> {
  const row = await db.select().from(deferredCalls).where(eq(deferredCalls.id, id)).get();
  if (!row) return undefined;
  return {
    client: (row.request as ChatRequest).scopes?.client ?? null,
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

/** How many refused calls still wait for their window. */
export async function countWaitingDeferrals(db: D1): Promise<number> {
  const [waiting] = await db.select({ n: count() }).from(deferredCalls).where(eq(deferredCalls.status, 'waiting'));
  return waiting?.n ?? 0;
}
