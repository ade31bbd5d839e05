import { and, eq, gt, sql } from 'drizzle-orm';
import type { Scope } from '../budget/scopes';
import type { Refusal } from '../budget/types';
import type { WindowKind } from '../budget/windows';
import type { D1Db } from '../db/d1';
import { deferredCalls } from '../db/d1-schema';
import { waitsForWindow } from './deferral-room';
import type { Deferrer } from './over-budget-policy';
import type { ChatRequest } from './types';

/** Queues cannot hold a message longer than 12 hours; a later not-before is reached in hops. */
const MAX_QUEUE_DELAY_SECONDS = 43_200;

export const queueDelaySeconds = (notBefore: number, now = Date.now()) =>
  Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil((notBefore - now) / 1000)));

export async function enqueueDeferral(queue: Queue, deferralId: string, notBefore: number): Promise<void> {
  await queue.send({ kind: 'llm.deferred', deferralId }, { delaySeconds: queueDelaySeconds(notBefore) });
}

/** A refused call becomes one row and one queue message, to run when the cap allows (the sweep wakes it if the message is lost). */
export function d1Deferrer(db: D1Db, queue: Queue): Deferrer {
  return {
    async defer(request: ChatRequest, refusal: Refusal): Promise<string> {
      const id = crypto.randomUUID();
      const now = Date.now();
      await db.insert(deferredCalls).values({
        id,
        request,
        refusal,
        status: 'waiting',
        notBefore: refusal.retryAt,
        createdAt: now,
        updatedAt: now,
      });
      await enqueueDeferral(queue, id, refusal.retryAt);
      return id;
    },
  };
}

/**
 * For a deferred call refused again: the same deferral waits, no new one is made. A message wakes
 * it when its window opens; when only reservations in flight refused it, no message is sent (one
 * every few seconds per deferral is the retry storm this avoids) and the sweep wakes it once the
 * cap has room.
 */
export function rescheduler(db: D1Db, queue: Queue, deferralId: string): Deferrer {
  return {
    async defer(_request: ChatRequest, refusal: Refusal): Promise<string> {
      await db
        .update(deferredCalls)
        .set({ status: 'waiting', refusal, notBefore: refusal.retryAt, updatedAt: Date.now() })
        .where(eq(deferredCalls.id, deferralId));
      if (waitsForWindow(refusal)) await enqueueDeferral(queue, deferralId, refusal.retryAt);
      return deferralId;
    },
  };
}

/**
 * A cap was raised or removed: the calls it refused need not wait for its window to end. Their
 * not-before becomes now, so the next sweep (started at once by the caller) wakes as many as the
 * new room fits. Returns how many became due.
 */
export async function dueOnCapChange(db: D1Db, scope: Scope, window: WindowKind, now = Date.now()): Promise<number> {
  const result = await db
    .update(deferredCalls)
    .set({ notBefore: now, updatedAt: now })
    .where(
      and(
        eq(deferredCalls.status, 'waiting'),
        gt(deferredCalls.notBefore, now),
        sql`json_extract(${deferredCalls.refusal}, '$.scope.kind') = ${scope.kind}`,
        sql`json_extract(${deferredCalls.refusal}, '$.scope.id') = ${scope.id}`,
        sql`json_extract(${deferredCalls.refusal}, '$.window') = ${window}`,
      ),
    );
  return result.meta.changes;
}
