import { type AuditEntry, type AuditInput, type AuditWriter, auditEntry } from './entry';

/**
 * Collects a request's audit entries and sends them to the queue once, after the response, like
 * the spend ledger. Why the queue and not a Postgres insert in waitUntil: the request never opens
 * a Postgres connection for it (a WebSocket handshake to Neon per write call), the consumer writes
 * many requests' entries in one statement, and while Postgres is down the entries wait in the
 * queue with retries and a dead-letter path instead of being dropped.
 */
export class QueuedAudit implements AuditWriter {
  private entries: AuditEntry[] = [];

  constructor(private readonly queue: Queue) {}

  record(input: AuditInput): void {
    this.entries.push(auditEntry(input));
  }

  async flush(): Promise<void> {
    if (this.entries.length === 0) return;
    const entries = this.entries;
    this.entries = [];
    await this.queue.send({ kind: 'audit.entries', entries });
  }
}
