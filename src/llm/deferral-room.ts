import { z } from 'zod';
import { scopeKinds, scopeLabel } from '../budget/scopes';
import type { Refusal } from '../budget/types';

/** The ledger as a deferral sees it: the room left under every cap, now. */
export interface BudgetRoom {
  /** cap − spent − reserved per cap in its current window, keyed by `roomKey`. */
  left(): Promise<Map<string, number>>;
}

export const roomKey = (scope: Refusal['scope'], window: Refusal['window']) => `${scopeLabel(scope)}|${window}`;

// The refusal as stored on the deferral; only what the wake decision reads.
const storedRefusal = z.object({
  scope: z.object({ kind: z.enum(scopeKinds), id: z.string() }),
  window: z.enum(['day', 'month']),
  requestedMicros: z.number().int().nonnegative(),
});

/**
 * Room handed out to deferrals in one pass: each deferral takes its cost from the cap that refused
 * it, so a pass wakes only as many as fit together instead of all of them at once (which would
 * have most refused again by the reservations of the others).
 */
export function roomBook(left: Map<string, number>) {
  return {
    /** True, and the room taken, when the call fits under the cap that refused it. */
    take(refusal: unknown): boolean {
      const parsed = storedRefusal.safeParse(refusal);
      // Unreadable, or a cap since removed: nothing known holds it back; the router decides.
      if (!parsed.success) return true;
      const key = roomKey(parsed.data.scope, parsed.data.window);
      const room = left.get(key);
      if (room === undefined) return true;
      if (room < parsed.data.requestedMicros) return false;
      left.set(key, room - parsed.data.requestedMicros);
      return true;
    },
  };
}

/**
 * True when the cap itself is reached: nothing frees budget before its window ends, so `retryAt`
 * is that end. Otherwise only reservations in flight block the call, and no time is known at which
 * they will have settled.
 */
export const waitsForWindow = (refusal: Refusal) => refusal.spentMicros + refusal.requestedMicros > refusal.capMicros;
