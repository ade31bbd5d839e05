import type { BudgetAlert } from '../budget/types';
import { pause } from '../lib/pause';
import type { LedgerEntry, LedgerWriter } from './ledger';

/** How long entries wait for others from this isolate, so a busy isolate stores them in one round trip. */
const WINDOW_MS = 50;
const ENTRIES_PER_STORE = 500;
/**
 * A store that fails is tried again after these pauses (about 18 s, inside the 30 s a request's
 * background work may run); past them the entries wait in the isolate for the next window.
 */
const RETRY_PAUSES_MS = [100, 500, 2_000, 5_000, 10_000];

/** Where ledger rows are stored before anything else happens to them: the budget ledger object. */
export interface LedgerStore {
  record(entries: LedgerEntry[]): Promise<{ alerts: BudgetAlert[] }>;
}

export interface OutboxWiring {
  store(): LedgerStore;
  /** Keeps the request (or stream) alive until the entries are stored (ctx.waitUntil). */
  background(work: Promise<unknown>): void;
  onAlerts(alerts: BudgetAlert[]): void;
  onError(error: unknown): void;
}

/**
 * Entries of every request in this isolate waiting to be stored. Plain data, so any request may
 * add to it; the request that opened the window stores them.
 */
const waiting: LedgerEntry[] = [];
let windowOpen = false;

/**
 * Hands each ledger entry to the budget ledger object, which stores it with the spend it charges.
 * An entry is on its way the moment it is recorded, whether the request has ended or a stream is
 * still running; a crash loses at most the window in flight, and the lease it was reserved on is
 * then charged as an explicit row when it expires.
 */
export class LedgerOutbox implements LedgerWriter {
  private recordedCostMicros = 0;

  constructor(private readonly wiring: OutboxWiring) {}

  record(entry: LedgerEntry): void {
    this.recordedCostMicros += entry.costMicros;
    waiting.push(entry);
    if (windowOpen) return;
    windowOpen = true;
    this.wiring.background(this.storeWindow());
  }

  /** The cost of the calls this request recorded. */
  costMicros(): number {
    return this.recordedCostMicros;
  }

  private async storeWindow(): Promise<void> {
    try {
      await pause(WINDOW_MS);
      while (waiting.length > 0) {
        const batch = waiting.splice(0, ENTRIES_PER_STORE);
        try {
          await this.storeWithRetries(batch);
        } catch (error) {
          // Kept for the next window rather than lost.
          waiting.unshift(...batch);
          this.wiring.onError(error);
          return;
        }
      }
    } finally {
      windowOpen = false;
    }
  }

  private async storeWithRetries(batch: LedgerEntry[]): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const { alerts } = await this.wiring.store().record(batch);
        if (alerts.length > 0) this.wiring.onAlerts(alerts);
        return;
      } catch (error) {
        const wait = RETRY_PAUSES_MS[attempt];
        if (wait === undefined) throw error;
        await pause(wait);
      }
    }
  }
}
