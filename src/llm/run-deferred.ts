import { and, eq } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type * as d1Schema from '../db/d1-schema';
import { deferredCalls } from '../db/d1-schema';
import { enqueueDeferral, rescheduler } from './deferrals';
import { OverBudgetError } from './errors';
import { chatRequestSchema } from './request-schema';
import type { Deferrer, LlmRouter } from './router';

const MAX_ATTEMPTS = 5;

export interface DeferredRunDeps {
  db: DrizzleD1Database<typeof d1Schema>;
  queue: Queue;
  routerWith(deferrer: Deferrer): LlmRouter;
}

/**
 * Runs a deferred call once its time has come. Claiming the row (waiting -> running) makes a
 * redelivered message a no-op; a call refused again keeps its deferral id.
 */
export async function runDeferredCall(deferralId: string, deps: DeferredRunDeps): Promise<void> {
  const row = await deps.db.select().from(deferredCalls).where(eq(deferredCalls.id, deferralId)).get();
  if (row?.status !== 'waiting') return;
  if (row.notBefore > Date.now() + 1_000) {
    await enqueueDeferral(deps.queue, deferralId, row.notBefore);
    return;
  }
  const attempts = row.attempts + 1;
  const claimed = await deps.db
    .update(deferredCalls)
    .set({ status: 'running', attempts, updatedAt: Date.now() })
    .where(and(eq(deferredCalls.id, deferralId), eq(deferredCalls.status, 'waiting')))
    .returning({ id: deferredCalls.id });
  if (claimed.length === 0) return;

  const request = chatRequestSchema.parse(row.request);
  const router = deps.routerWith(rescheduler(deps.db, deps.queue, deferralId));
  try {
    const result = await router.chat({ ...request, requestId: `${deferralId}:${attempts}` });
    await deps.db
      .update(deferredCalls)
      .set({ status: 'done', result, error: null, updatedAt: Date.now() })
      .where(eq(deferredCalls.id, deferralId));
  } catch (error) {
    if (error instanceof OverBudgetError) return;
    const message = error instanceof Error ? error.message : String(error);
    const retry = attempts < MAX_ATTEMPTS;
    const notBefore = Date.now() + 2 ** attempts * 1_000;
    await deps.db
      .update(deferredCalls)
      .set({ status: retry ? 'waiting' : 'failed', error: message.slice(0, 1_000), notBefore, updatedAt: Date.now() })
      .where(eq(deferredCalls.id, deferralId));
    if (retry) await enqueueDeferral(deps.queue, deferralId, notBefore);
  }
}
