import type { Refusal } from './types';

/** A lease stops taking new calls after this, so the ledger's view is never stale for long. */
const LEASE_USABLE_MS = 10_000;

/** A lease as its holder keeps it in isolate memory: plain numbers only. */
export interface HeldLease {
  leaseId: string;
  remaining: number;
  spent: number;
  calls: number;
  inFlight: number;
  usableUntil: number;
  retired: boolean;
  /** Bumped on every reservation, so the idle watch knows the lease was used since. */
  uses: number;
  /** One idle watch per lease at a time, not a timer per call. */
  watched: boolean;
}

export interface ScopeLeases {
  active?: HeldLease;
  /** Drawn ahead while `active` runs low; takes over when `active` can no longer serve a call. */
  next?: HeldLease;
  /** One draw at a time per scope set; others wait for its lease instead of drawing their own. */
  drawing: boolean;
  refillAfter: number;
  /** Counts draws, so a waiting call knows which draw it waited on. */
  drawSeq: number;
  /**
   * The last draw the ledger refused: it answers the calls that waited on it and need at least as
   * much, so a burst past a cap is refused at once instead of each call drawing in turn. Calls
   * that come later draw afresh: the cap may have been raised since.
   */
  refused?: { refusal: Refusal; amountMicros: number; seq: number };
}

export function canServe(lease: HeldLease, amountMicros: number): boolean {
  return !lease.retired && Date.now() < lease.usableUntil && lease.remaining >= amountMicros;
}

export function heldLease(granted: { leaseId: string; grantedMicros: number; expiresAt: number }): HeldLease {
  return {
    leaseId: granted.leaseId,
    remaining: granted.grantedMicros,
    spent: 0,
    calls: 0,
    inFlight: 0,
    usableUntil: Math.min(Date.now() + LEASE_USABLE_MS, granted.expiresAt),
    retired: false,
    uses: 0,
    watched: false,
  };
}
