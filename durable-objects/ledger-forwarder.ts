import type { Config } from '../src/config/config';
import { openPostgres } from '../src/db/postgres';
import { exponentialBackoff } from '../src/lib/backoff';
import { errorMessage } from '../src/lib/error-message';
import { withTimeout } from '../src/lib/with-timeout';
import { writeLedgerRows } from '../src/llm/postgres-ledger';
import type { LedgerRows } from './ledger-rows';

/** Rows per Postgres round; an alarm keeps going while rows wait, up to its time limit. */
const FORWARD_BATCH = 1_000;
const ALARM_BUDGET_MS = 10_000;
/** A write that takes longer than this is taken as failed; its rows stay and go again later. */
const WRITE_TIMEOUT_MS = 15_000;
const MAX_BACKOFF_MS = 60_000;

export interface ForwardState {
  failures: number;
  lastError: string | null;
  lastForwardedAt: number | null;
}

/**
 * Carries stored ledger rows on to Postgres. Rows leave the store only after Postgres has them,
 * so an outage of minutes or hours only makes them wait; the call id makes a row written twice
 * (a write that succeeded but timed out here) a no-op.
 */
export class LedgerForwarder {
  readonly state: ForwardState = { failures: 0, lastError: null, lastForwardedAt: null };

  constructor(
    private readonly rows: LedgerRows,
    private readonly config: Config,
  ) {}

  /** When the next round should run: soon while healthy, backing off while Postgres fails. */
  nextDelayMs(baseMs: number): number {
    if (this.state.failures === 0) return baseMs;
    return exponentialBackoff(this.state.failures, 1_000, MAX_BACKOFF_MS);
  }

  /** Forwards what waits; `more` when rows are still left, `written` counts what Postgres took. */
  async forward(): Promise<{ more: boolean; written: number }> {
    const postgres = this.config.postgres;
    let written = 0;
    if (!postgres) return { more: false, written };
    const started = Date.now();
    let batch = this.rows.pending(FORWARD_BATCH);
    if (batch.length === 0) return { more: false, written };
    const handle = openPostgres(postgres);
    try {
      while (batch.length > 0 && Date.now() - started < ALARM_BUDGET_MS) {
        await withTimeout(
          writeLedgerRows(handle.db, batch),
          WRITE_TIMEOUT_MS,
          `Postgres write took longer than ${WRITE_TIMEOUT_MS} ms`,
        );
        this.rows.remove(batch);
        written += batch.length;
        this.state.failures = 0;
        this.state.lastError = null;
        this.state.lastForwardedAt = Date.now();
        batch = this.rows.pending(FORWARD_BATCH);
      }
      return { more: batch.length > 0, written };
    } catch (error) {
      this.state.failures += 1;
      this.state.lastError = errorMessage(error);
      return { more: true, written };
    } finally {
      // Ending a pool waits on its sockets; a dead database must not hold the alarm.
      await withTimeout(handle.close(), 2_000).catch(() => undefined);
    }
  }
}
