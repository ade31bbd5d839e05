import type { D1Db } from '../db/d1';
import { keepAuditEntries } from './audit-outbox';
import { type AuditEntry, type AuditInput, type AuditTrail, auditEntry } from './entry';

/**
 * Collects a request's audit entries, keeps them in D1 (`audit_outbox`) before the response, and
 * after it sends them on the queue, whose consumer writes them to Postgres and forgets them in D1.
 * The queue rather than a Postgres insert: the request never opens a Postgres connection for it,
 * and the consumer writes many requests' entries in one statement. Whatever the queue loses or
 * gives up on is still in D1, and the health check's replay writes it.
 */
export class QueuedAudit implements AuditTrail {
  private recorded: AuditEntry[] = [];
  private kept: AuditEntry[] = [];

  constructor(
    private readonly d1: () => D1Db,
    private readonly queue: Queue,
    private readonly onError: (error: unknown) => void,
  ) {}

  record(input: AuditInput): void {
    this.recorded.push(auditEntry(input));
  }

  async keep(): Promise<void> {
    if (this.recorded.length === 0) return;
    const entries = this.recorded;
    this.recorded = [];
    try {
      await keepAuditEntries(this.d1(), entries);
      this.kept.push(...entries);
    } catch (error) {
      this.recorded.unshift(...entries);
      this.onError(error);
    }
  }

  /** Sends the kept entries on; entries D1 would not keep are sent anyway rather than dropped. */
  async flush(): Promise<void> {
    await this.keep();
    const entries = [...this.kept, ...this.recorded];
    this.kept = [];
    this.recorded = [];
    if (entries.length > 0) await this.queue.send({ kind: 'audit.entries', entries });
  }
}
