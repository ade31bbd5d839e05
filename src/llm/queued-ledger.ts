import type { LedgerEntry, LedgerWriter } from './ledger';

/**
 * Collects a request's ledger entries and sends them to the queue once, after the response;
 * the consumer writes them to Postgres in batches. The hot path never waits on Postgres.
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

  async flush(): Promise<void> {
    if (this.entries.size === 0) return;
    const entries = [...this.entries.values()];
    this.entries.clear();
    await this.queue.send({ kind: 'ledger.entries', entries });
  }
}
