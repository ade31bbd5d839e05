import { and, asc, eq, lte } from 'drizzle-orm';
import { deferredCalls } from '../db/d1-schema';
import { inParallel } from '../lib/in-parallel';
import { errorFields, type Logger } from '../observability/logger';
import { roomBook } from './deferral-room';
import { callDeferred, claimDeferral, type DeferralRow, type DeferredRunDeps } from './run-deferred';

export interface DeferralSweepOptions {
  /** A deferral `running` this long without ending lost its runner; it is run again. */
  staleAfterMs: number;
  /** Deferrals looked at per sweep, the longest waiting first. */
  limit: number;
  /** Calls sent at once. */
  concurrency: number;
  log: Logger;
}

export interface DeferralSweepReport {
  /** Deferrals this sweep claimed and ran. */
  woken: number;
  /** Due, but the cap that refused them has no room for them yet: they wait for a later sweep. */
  waitingForRoom: number;
}

/**
 * Wakes the deferrals whose queue message was lost or never sent: those due whose cap has room
 * (room is shared out, so one sweep wakes only as many as fit together), and those a crash left
 * `running`. Each is claimed before it runs, so a queue message arriving at the same time cannot
 * run it a second time.
 */
export async function sweepDeferrals(
  deps: DeferredRunDeps,
  options: DeferralSweepOptions,
): Promise<DeferralSweepReport> {
  const now = Date.now();
  const silentSince = now - options.staleAfterMs;
  const due = await deps.db
    .select()
    .from(deferredCalls)
    .where(and(eq(deferredCalls.status, 'waiting'), lte(deferredCalls.notBefore, now)))
    .orderBy(asc(deferredCalls.notBefore))
    .limit(options.limit);
  const cutOff = await deps.db
    .select()
    .from(deferredCalls)
    .where(and(eq(deferredCalls.status, 'running'), lte(deferredCalls.updatedAt, silentSince)))
    .limit(options.limit);
  if (due.length === 0 && cutOff.length === 0) return { woken: 0, waitingForRoom: 0 };

  const book = roomBook(await deps.room.left());
  const fits = due.filter((row) => book.take(row.refusal));
  const wakes: { row: DeferralRow; when: { dueBy: number } | { silentSince: number } }[] = [
    ...fits.map((row) => ({ row, when: { dueBy: now } })),
    // It had room when it was claimed; the router decides whether it still has.
    ...cutOff.map((row) => ({ row, when: { silentSince } })),
  ];
  let woken = 0;
  await inParallel(wakes, options.concurrency, async ({ row, when }) => {
    try {
      const attempts = await claimDeferral(deps.db, row, when);
      if (attempts === undefined) return;
      woken += 1;
      await callDeferred(row, attempts, deps);
    } catch (error) {
      // The row stays as it was (or running, for the next sweep to find): the others go on.
      options.log.error('deferred call not woken', { deferralId: row.id, ...errorFields(error) });
    }
  });
  return { woken, waitingForRoom: due.length - fits.length };
}
