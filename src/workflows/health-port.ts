import type { ReconcileRow } from '../budget/reconcile';
import type { HealthThresholds } from '../config/workflow-settings';
import type { PostgresDatabase } from '../db/postgres';
import type { CacheStore } from '../llm/cache-audit';
import type { RetentionSettings } from './retention';

/** What the health check reads and what it may do about it; the Worker wires each member. */
export interface HealthPort {
  thresholds: HealthThresholds;
  /** How long finished runs, deferrals and audit entries are kept. */
  retention: RetentionSettings;
  /** Global LLM spend today against the daily cap and the P1 line (USD micros). */
  spendToday(): Promise<{ spentMicros: number; capMicros: number; p1Micros: number }>;
  /** LLM calls since `since` from the spend ledger; undefined without Postgres. */
  llmCallsSince(since: number): Promise<{ calls: number; errors: number } | undefined>;
  /** Cancels the pending jobs of every running swarm run; returns the ids it stopped. */
  pauseSwarmRuns(): Promise<string[]>;
  /** Pauses every agent not paused yet; returns the ones it paused. */
  pauseAgents(): Promise<string[]>;
  /** Undefined without Redis. */
  responseCache: CacheStore | undefined;
  /** The budget against the spend ledger; undefined without Postgres. */
  books(): Promise<BooksReading | undefined>;
  /** The Postgres database the audit log lives in; undefined when it is not configured. */
  auditLog(): PostgresDatabase | undefined;
}

/** What the budget ledger and the Postgres spend ledger say of each other now. */
export interface BooksReading {
  rows: ReconcileRow[];
  pendingRows: number;
  oldestPendingAt: number | null;
}
