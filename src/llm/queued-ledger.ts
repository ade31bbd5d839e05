import { pause } from '../lib/pause';
import type { LedgerEntry, LedgerWriter } from './ledger';

/** How long entries wait for others from this isolate, so busy isolates send one message per window. */
const OUTBOX_WINDOW_MS = 100;
/** Well under the queue's 128 KB message limit (an entry is about 400 bytes of JSON). */
const ENTRIES_PER_MESSAGE = 200;

/**
 * Entries of every request in this isolate waiting to be sent. Plain data, so any request may add
 * to it; the request that opened the window sends them with its own queue binding.
 */
const outbox: LedgerEntry[] = [];
let windowOpen = false;

/**
 * Collects a request's ledger entries and hands them to the queue after the response, together
 * with those of the other requests in this isolate at the time; the consumer writes them to
 * Postgres in batches. The hot path never waits on Postgres, and a busy isolate sends one queue
 * message per window instead of one per call.
 */
export class QueuedLedger implements LedgerWriter {
  private readonly entries = new Map<string, LedgerEntry>();

  constructor(private readonly queue: Queue) {}

  /** The last word on a request id wins: a fallback's success replaces the failed attempt. */
  record(entry: LedgerEntry): void {
    this.entries.set(entry.requestId, entry);
  }

  /** The cost of the calls recorded so far and not yet flushed. */
  costMicros(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.costMicros;
    return total;
  }

  /** Resolves once this request's entries are on the queue (or in a window another request sends). */
  async flush(): Promise<void> {
    if (this.entries.size === 0) return;
    outbox.push(...this.entries.values());
    this.entries.clear();
    if (windowOpen) return;
    windowOpen = true;
    try {
      await pause(OUTBOX_WINDOW_MS);
      while (outbox.length > 0) {
        const message = outbox.splice(0, ENTRIES_PER_MESSAGE);
        try {
          await this.queue.send({ kind: 'ledger.entries', entries: message });
        } catch (error) {
          // Kept for the next window rather than lost; the caller logs the failure.
          outbox.unshift(...message);
          throw error;
        }
      }
    } finally {
      windowOpen = false;
    }
  }
}
