import type { BudgetAlert } from '../budget/types';
import { pause } from '../lib/pause';
import type { LedgerEntry, LedgerWriter } from './ledger';

const ENTRIES_PER_STORE = 500;
/** A store that fails is tried again after these pauses (about 18 s, inside the 30 s a request's background work may run). */
const RETRY_PAUSES_MS = [100, 500, 2_000, 5_000, 10_000];

/** Where ledger rows are stored before anything else happens to them: the budget ledger object. */
export interface LedgerStore {
  record(entries: LedgerEntry[]): Promise<{ alerts: BudgetAlert[] }>;
}

/**
 * How often a call whose row another request is storing looks whether it is done. Workers let no
 * request resolve a promise another request waits on (the waiting one is cancelled as hung), so
 * a call waits on its own timer; one round trip to the ledger object takes about as long.
 */
const POLL_MS = 1;

interface WaitingEntry {
  entry: LedgerEntry;
  /** Stored, or given up on for now: the call that wrote it may answer. */
  done: boolean;
  /** Wakes the call at once; set only when the request storing the batch wrote the entry. */
  wake?: () => void;
}

/**
 * Entries of every request in one isolate waiting to be stored, for one ledger object. Plain data,
 * so any request may add to it; whichever request finds no store in flight starts one, and that
 * store carries on with everything that arrived meanwhile.
 */
export class LedgerQueue {
  readonly waiting: WaitingEntry[] = [];
  /** The request whose store is in flight. */
  storer: LedgerOutbox | undefined;
}

const isolateQueue = new LedgerQueue();

export interface OutboxWiring {
  store(): LedgerStore;
  /** Keeps the request (or stream) alive until the entries are stored (ctx.waitUntil). */
  background(work: Promise<unknown>): void;
  onAlerts(alerts: BudgetAlert[]): void;
  onError(error: unknown): void;
  /** The isolate's queue by default; a caller writing to another ledger object brings its own. */
  queue?: LedgerQueue;
  /**
   * How long a store waits for more rows before it goes. 0 for calls someone waits on; a queue
   * consumer, whose batch of calls ends together, trades a few milliseconds for far fewer round trips.
   */
  lingerMs?: number;
}

/**
 * Group commit of ledger rows: a call answers only once the budget ledger object has acknowledged
 * the batch holding its row, so no answered call's row lives only in an isolate. With no store in
 * flight an entry is stored at once; while one is in flight, entries gather for the next, so a
 * call waits about one round trip and a busy isolate still stores many rows per round trip.
 */
export class LedgerOutbox implements LedgerWriter {
  private recordedCostMicros = 0;
  private readonly queue: LedgerQueue;

  constructor(private readonly wiring: OutboxWiring) {
    this.queue = wiring.queue ?? isolateQueue;
  }

  record(entry: LedgerEntry): Promise<void> {
    this.recordedCostMicros += entry.costMicros;
    const waiter: WaitingEntry = { entry, done: false };
    this.queue.waiting.push(waiter);
    if (this.queue.storer === undefined) {
      this.queue.storer = this;
      this.wiring.background(this.storeWaiting());
    }
    if (this.queue.storer !== this) return doneOf(waiter);
    return new Promise<void>((wake) => {
      waiter.wake = wake;
    });
  }

  /** The cost of the calls this request recorded. */
  costMicros(): number {
    return this.recordedCostMicros;
  }

  private async storeWaiting(): Promise<void> {
    const { waiting } = this.queue;
    try {
      while (waiting.length > 0) {
        if (this.wiring.lingerMs) await pause(this.wiring.lingerMs);
        const batch = waiting.splice(0, ENTRIES_PER_STORE);
        try {
          await this.storeWithRetries(batch.map(({ entry }) => entry));
        } catch (error) {
          // The calls answer anyway: their money was spent upstream, and an answer held back
          // would not store the row any sooner. The rows stay here for the next store of this
          // isolate; should it die first, each lease is charged at its expiry as an explicit row.
          waiting.unshift(...batch);
          for (const waiter of waiting) answer(waiter);
          this.wiring.onError(error);
          return;
        }
        for (const waiter of batch) answer(waiter);
      }
    } finally {
      this.queue.storer = undefined;
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

function answer(waiter: WaitingEntry): void {
  waiter.done = true;
  waiter.wake?.();
}

async function doneOf(waiter: WaitingEntry): Promise<void> {
  while (!waiter.done) await pause(POLL_MS);
}
