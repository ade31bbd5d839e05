import { pause } from '../lib/pause';
import { canServe, type HeldLease, heldLease, type ScopeLeases } from './held-lease';
import { type CallScopes, type Scope, scopeSetKey, scopesOf } from './scopes';
import type { BudgetAlert, LedgerClient, Refusal } from './types';

/** Calls one lease should cover before the holder asks the ledger again. */
const CALLS_PER_LEASE = 32;
/**
 * When a busy lease has room for fewer calls than this, the next lease is drawn in the
 * background, so the call that empties it does not wait on the ledger's commit.
 */
const REFILL_AHEAD_CALLS = 8;
/** After the ledger refuses a refill ahead, calls go without one for this long. */
const REFILL_BACKOFF_MS = 1_000;

/** An idle lease waits this long for the next call before it is closed. */
const IDLE_CLOSE_MS = 250;
const IDLE_WATCH_ROUNDS = 40;

export interface Reservation {
  amountMicros: number;
  /** The lease the amount is held on; a call's ledger row names it, so the ledger charges that lease. */
  leaseId?: string;
  settle(actualMicros: number): void;
  release(): void;
}

export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; refusal: Refusal };

/** Lease state lives per isolate and outlives requests; only plain numbers are kept in it. */
export class LeasePool {
  readonly byScopes = new Map<string, ScopeLeases>();
}

export interface GateContext {
  ledger: LedgerClient;
  /** Keeps the request alive for background work (ctx.waitUntil). */
  background(work: Promise<unknown>): void;
  onAlerts(alerts: BudgetAlert[]): void;
  /**
   * How long an idle lease waits for the next call; 0 closes it at once. Queue consumers use 0:
   * the wait would hold their batch open, and their next batch draws a fresh lease anyway.
   */
  idleCloseMs?: number;
}

const FREE: Reservation = { amountMicros: 0, settle: () => {}, release: () => {} };

/**
 * Reserves worst-case cost against the budget ledger. Budget is drawn in leases and handed to
 * calls from isolate memory, so most calls need no round trip; the ledger never grants more
 * than fits every cap, so calls served from leases never add up past a cap.
 */
export class LeaseGate {
  constructor(
    private readonly pool: LeasePool,
    private readonly context: GateContext,
  ) {}

  async reserve(callScopes: CallScopes, amountMicros: number): Promise<ReserveResult> {
    // Zero-cost calls (local models) are never blocked by a money cap.
    if (amountMicros <= 0) return { ok: true, reservation: FREE };
    const scopes = scopesOf(callScopes);
    const leases = this.leasesFor(scopes);
    let waitedOn: number | undefined;
    for (;;) {
      const lease = leases.active;
      if (lease && canServe(lease, amountMicros)) {
        lease.remaining -= amountMicros;
        lease.inFlight += 1;
        lease.uses += 1;
        if (lease.remaining < amountMicros * REFILL_AHEAD_CALLS) this.refillAhead(leases, scopes, amountMicros);
        return { ok: true, reservation: this.reservationOn(lease, leases, amountMicros) };
      }
      if (this.promoteNext(leases, amountMicros)) continue;
      const refused = leases.refused;
      if (refused && refused.seq === waitedOn && amountMicros >= refused.amountMicros)
        return { ok: false, refusal: refused.refusal };
      // Waiters poll: the runtime does not let one request await a promise resolved in another's context.
      if (leases.drawing) {
        waitedOn = leases.drawSeq;
        await pause();
        continue;
      }
      leases.drawing = true;
      leases.drawSeq += 1;
      const seq = leases.drawSeq;
      let refusal: Refusal | undefined;
      try {
        refusal = await this.draw(leases, scopes, amountMicros);
      } finally {
        leases.drawing = false;
      }
      if (refusal) {
        leases.refused = { refusal, amountMicros, seq };
        return { ok: false, refusal };
      }
    }
  }

  private leasesFor(scopes: Scope[]): ScopeLeases {
    const key = scopeSetKey(scopes);
    let leases = this.pool.byScopes.get(key);
    if (!leases) {
      leases = { drawing: false, refillAfter: 0, drawSeq: 0 };
      this.pool.byScopes.set(key, leases);
    }
    return leases;
  }

  private async draw(leases: ScopeLeases, scopes: Scope[], amountMicros: number): Promise<Refusal | undefined> {
    const previous = leases.active;
    leases.active = undefined;
    let returning: { leaseId: string; unusedMicros: number } | undefined;
    if (previous && !previous.retired) {
      previous.retired = true;
      if (previous.inFlight === 0) this.closeLater(previous);
      else returning = { leaseId: previous.leaseId, unusedMicros: previous.remaining };
      previous.remaining = 0;
    }
    const result = await this.context.ledger.draw({
      scopes,
      wantMicros: amountMicros * CALLS_PER_LEASE,
      minMicros: amountMicros,
      returning,
      at: Date.now(),
    });
    if (!result.ok) return result.refusal;
    leases.active = heldLease(result.lease);
    return undefined;
  }

  /** Draws the next lease in the background while the active one still serves calls. */
  private refillAhead(leases: ScopeLeases, scopes: Scope[], amountMicros: number): void {
    // Queue consumers close their leases at once; a lease drawn ahead would only be closed unused.
    if (this.context.idleCloseMs === 0) return;
    if (leases.drawing || leases.next || Date.now() < leases.refillAfter) return;
    leases.drawing = true;
    // Its refusal only backs refills off; no waiting call takes it for its own.
    leases.drawSeq += 1;
    const refill = this.context.ledger
      .draw({ scopes, wantMicros: amountMicros * CALLS_PER_LEASE, minMicros: amountMicros, at: Date.now() })
      .then(
        (result) => {
          if (result.ok) leases.next = heldLease(result.lease);
          else leases.refillAfter = Date.now() + REFILL_BACKOFF_MS;
        },
        // The call that empties the lease draws for itself, and meets the error there if it lasts.
        () => {
          leases.refillAfter = Date.now() + REFILL_BACKOFF_MS;
        },
      )
      .finally(() => {
        leases.drawing = false;
      });
    this.context.background(refill);
  }

  /** Retires the active lease in favour of the one drawn ahead; false when there is none to use. */
  private promoteNext(leases: ScopeLeases, amountMicros: number): boolean {
    const next = leases.next;
    if (!next) return false;
    leases.next = undefined;
    if (!canServe(next, amountMicros)) {
      next.retired = true;
      next.remaining = 0;
      this.closeLater(next);
      return false;
    }
    const previous = leases.active;
    if (previous && !previous.retired) {
      previous.retired = true;
      previous.remaining = 0;
      // Otherwise its last call to finish closes it.
      if (previous.inFlight === 0) this.closeLater(previous);
    }
    leases.active = next;
    return true;
  }

  private reservationOn(lease: HeldLease, leases: ScopeLeases, amountMicros: number): Reservation {
    let done = false;
    const finish = (actualMicros: number, counted: boolean) => {
      if (done) return;
      done = true;
      lease.inFlight -= 1;
      lease.spent += actualMicros;
      if (counted) lease.calls += 1;
      // What the call did not use goes back to the lease for the next call.
      if (!lease.retired) lease.remaining += Math.max(0, amountMicros - actualMicros);
      if (lease.retired && lease.inFlight === 0) this.closeLater(lease);
      else if (lease.inFlight === 0 && this.context.idleCloseMs === 0) {
        lease.retired = true;
        lease.remaining = 0;
        this.closeLater(lease);
      } else if (lease.inFlight === 0) this.closeWhenIdle(lease, leases);
    };
    return {
      amountMicros,
      leaseId: lease.leaseId,
      settle: (actualMicros) => finish(Math.max(0, Math.ceil(actualMicros)), true),
      release: () => finish(0, false),
    };
  }

  /**
   * Held budget is never left to expire as "spent": an idle lease is closed after a short grace,
   * in this request's background time, unless a call has used it in the meantime.
   */
  private closeWhenIdle(lease: HeldLease, leases: ScopeLeases): void {
    if (lease.watched) return;
    lease.watched = true;
    const watch = async () => {
      let seen = lease.uses;
      // Bounded, to stay well inside a request's background time; the next idle moment re-arms it.
      for (let round = 0; round < IDLE_WATCH_ROUNDS; round += 1) {
        await pause(this.context.idleCloseMs ?? IDLE_CLOSE_MS);
        // A call in flight re-arms the watch when it settles.
        if (lease.retired || lease.inFlight > 0) break;
        if (lease.uses === seen) {
          lease.retired = true;
          lease.remaining = 0;
          lease.watched = false;
          await Promise.all([this.closeNow(lease), this.closeUnusedNext(leases)]);
          return;
        }
        seen = lease.uses;
      }
      lease.watched = false;
    };
    this.context.background(watch());
  }

  /** A lease drawn ahead for traffic that then stopped. */
  private closeUnusedNext(leases: ScopeLeases): Promise<void> {
    const next = leases.next;
    if (!next || next.inFlight > 0) return Promise.resolve();
    leases.next = undefined;
    next.retired = true;
    next.remaining = 0;
    return this.closeNow(next);
  }

  private closeLater(lease: HeldLease): void {
    this.context.background(this.closeNow(lease));
  }

  private closeNow(lease: HeldLease): Promise<void> {
    return this.context.ledger
      .close({ leaseId: lease.leaseId, spentMicros: lease.spent, calls: lease.calls })
      .then(({ alerts }) => {
        if (alerts.length > 0) this.context.onAlerts(alerts);
      });
  }
}
