import { chunks, placeholders } from './swarm-store';

/**
 * A run's jobs on their way through the queue. The queue is not a record of what is outstanding (a
 * local queue loses its messages with the process), so each job sent carries its count of sends
 * and the time it is due to be heard from; the run's alarm re-sends what is overdue.
 */
export class JobFlight {
  constructor(private readonly sql: SqlStorage) {}

  /** Marks up to `limit` pending jobs as sent, due by `dueAt`, and returns them. */
  take(limit: number, dueAt: number): number[] {
    if (limit <= 0) return [];
    // One statement whatever the limit: SQLite here binds at most 100 variables.
    return this.sql
      .exec<{ job: number }>(
        `update jobs set status = 'sent', sends = sends + 1, due_at = ?
          where job in (select job from jobs where status = 'pending' order by job limit ?) returning job`,
        dueAt,
        limit,
      )
      .toArray()
      .map((row) => row.job)
      .sort((a, b) => a - b);
  }

  /** Jobs whose send failed go back to pending, that send not counted. */
  unsend(jobs: number[]): void {
    for (const chunk of chunks(jobs))
      this.sql.exec(
        `update jobs set status = 'pending', sends = sends - 1, due_at = null
          where status = 'sent' and job in (${placeholders(chunk)})`,
        ...chunk,
      );
  }

  /** Re-sends that never reached the queue: not counted, and tried again at `dueAt`. */
  resendFailed(jobs: number[], dueAt: number): void {
    for (const chunk of chunks(jobs, 1))
      this.sql.exec(
        `update jobs set sends = sends - 1, due_at = ? where status = 'sent' and job in (${placeholders(chunk)})`,
        dueAt,
        ...chunk,
      );
  }

  /** Delivered jobs are being worked on: their time starts again. */
  touch(jobs: number[], dueAt: number): void {
    for (const chunk of chunks(jobs, 1))
      this.sql.exec(
        `update jobs set due_at = ? where status = 'sent' and job in (${placeholders(chunk)})`,
        dueAt,
        ...chunk,
      );
  }

  /**
   * Jobs overdue at `now`: those sent `maxSends` times fail with `lostError`; the others are
   * counted as sent once more, due by `dueAt`, and returned to be re-sent.
   */
  overdue(now: number, maxSends: number, dueAt: number, lostError: string): { resend: number[]; lost: number } {
    const lost = this.sql
      .exec(
        `update jobs set status = 'failed', due_at = null,
          last_error = ? || coalesce(' (its last error: ' || last_error || ')', '')
          where status = 'sent' and due_at <= ? and sends >= ? returning job`,
        lostError,
        now,
        maxSends,
      )
      .toArray().length;
    const resend = this.sql
      .exec<{ job: number }>(
        "update jobs set sends = sends + 1, due_at = ? where status = 'sent' and due_at <= ? returning job",
        dueAt,
        now,
      )
      .toArray()
      .map((row) => row.job)
      .sort((a, b) => a - b);
    return { resend, lost };
  }

  /** The earliest time a job in flight is due, or null when none is in flight. */
  nextDue(): number | null {
    return this.sql.exec<{ due: number | null }>("select min(due_at) as due from jobs where status = 'sent'").one().due;
  }

  /** Storage from before due times were kept: what is in flight is due by `dueAt`. */
  timeUntimed(dueAt: number): void {
    this.sql.exec("update jobs set due_at = ? where status = 'sent' and due_at is null", dueAt);
    this.sql.exec("update run set finalize_due_at = ? where status = 'reducing' and finalize_due_at is null", dueAt);
  }

  /** A cancelled run leaves nothing running: jobs in flight end too; their late reports still count spend. */
  cancelOpen(): void {
    this.sql.exec("update jobs set status = 'cancelled', due_at = null where status in ('pending', 'sent')");
  }
}
