import { and, eq, lte } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { deferredCalls } from '../db/d1-schema';
import { exponentialBackoff } from '../lib/backoff';
import { errorMessage } from '../lib/error-message';
import { type BudgetRoom, roomBook } from './deferral-room';
import { enqueueDeferral, rescheduler } from './deferrals';
import { OverBudgetError } from './errors';
import type { Deferrer } from './over-budget-policy';
import { chatRequestSchema } from './request-schema';
import type { LlmRouter } from './router';

const MAX_ATTEMPTS = 5;
// A queue message may arrive a little before the not-before it was sent for.
const EARLY_MS = 1_000;

export type DeferralRow = typeof deferredCalls.$inferSelect;

export interface DeferredRunDeps {
  db: D1Db;
  queue: Queue;
  routerWith(deferrer: Deferrer): LlmRouter;
  room: BudgetRoom;
}

/**
 * Claims one wake of a deferral as `row` shows it: waiting and due by `dueBy`, or running and
 * silent since `silentSince` (its runner died). Every claim moves `attempts` on from the count
 * read, so of a queue message and a sweep holding the same row, exactly one runs it. Resolves to
 * the new attempt number, or undefined when someone else claimed it first.
 */
export async function claimDeferral(
  db: DeferredRunDeps['db'],
  row: DeferralRow,
  when: { dueBy: number } | { silentSince: number },
): Promise<number | undefined> {
  const state =
    'dueBy' in when
      ? and(eq(deferredCalls.status, 'waiting'), lte(deferredCalls.notBefore, when.dueBy))
      : and(eq(deferredCalls.status, 'running'), lte(deferredCalls.updatedAt, when.silentSince));
  const claimed = await db
    .update(deferredCalls)
    .set({ status: 'running', attempts: row.attempts + 1, updatedAt: Date.now() })
    .where(and(eq(deferredCalls.id, row.id), eq(deferredCalls.attempts, row.attempts), state))
    .returning({ attempts: deferredCalls.attempts });
  return claimed[0]?.attempts;
}

/**
 * The queue message's wake. It runs the call when its time has come and the cap that refused it
 * has room; otherwise it leaves the row waiting and sends nothing, and the sweep wakes it once
 * there is room. So a deferral is not polled in a loop while others hold the budget.
 */
export async function runDeferredCall(deferralId: string, deps: DeferredRunDeps): Promise<void> {
  const row = await deps.db.select().from(deferredCalls).where(eq(deferredCalls.id, deferralId)).get();
  if (row?.status !== 'waiting') return;
  const now = Date.now();
  if (row.notBefore > now + EARLY_MS) {
    // Queues hold a message at most 12 hours: a later not-before is reached in hops.
    await enqueueDeferral(deps.queue, deferralId, row.notBefore);
    return;
  }
  if (!roomBook(await deps.room.left()).take(row.refusal)) return;
  const attempts = await claimDeferral(deps.db, row, { dueBy: now + EARLY_MS });
  if (attempts === undefined) return;
  await callDeferred(row, attempts, deps);
}

/** Sends a claimed deferral's call; a call refused again keeps its deferral id and waits again. */
export async function callDeferred(row: DeferralRow, attempts: number, deps: DeferredRunDeps): Promise<void> {
  const request = chatRequestSchema.parse(row.request);
  const router = deps.routerWith(rescheduler(deps.db, deps.queue, row.id));
  try {
    const result = await router.chat({ ...request, requestId: `${row.id}:${attempts}` });
    await deps.db
      .update(deferredCalls)
      .set({ status: 'done', result, error: null, updatedAt: Date.now() })
      .where(eq(deferredCalls.id, row.id));
  } catch (error) {
    if (error instanceof OverBudgetError) return;
    const message = errorMessage(error);
    const retry = attempts < MAX_ATTEMPTS;
    const notBefore = Date.now() + exponentialBackoff(attempts, 2_000, Number.POSITIVE_INFINITY);
    await deps.db
      .update(deferredCalls)
      .set({ status: retry ? 'waiting' : 'failed', error: message.slice(0, 1_000), notBefore, updatedAt: Date.now() })
      .where(eq(deferredCalls.id, row.id));
    if (retry) await enqueueDeferral(deps.queue, row.id, notBefore);
  }
}
