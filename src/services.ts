import type { AuditTrail } from './audit/entry';
import type { D1Db } from './db/d1';
import type { PostgresHandle } from './db/postgres';
import type { Outage } from './lib/outage';
import type { RedisRest } from './lib/redis-rest';
import type { OverBudgetPolicy } from './llm/over-budget-policy';
import type { LlmRouter } from './llm/router';
import type { LongTermMemory } from './memory/long-term-memory';
import type { HealthCheck } from './observability/health';

/** What request handlers reach; the Worker wires each member to its binding or client. */
export interface Services {
  d1: D1Db;
  /** Opened on first use and closed after the response; undefined when DATABASE_URL is unset. */
  postgres(): PostgresHandle | undefined;
  redis: RedisRest | undefined;
  /** This isolate's view of whether Redis answers: every Redis caller with a fallback goes through it. */
  redisOutage: Outage | undefined;
  healthChecks(): HealthCheck[];
  /** Long-term memory (Chroma); undefined when CHROMA_URL is unset. */
  memory: LongTermMemory | undefined;
  /** The LLM router, with this request's budget gate and ledger; a call over budget is deferred unless `overBudget` says otherwise. */
  llm(overBudget?: OverBudgetPolicy): LlmRouter;
  /** The audit log; entries are kept in D1 before the response, then go to Postgres through the queue. */
  audit: AuditTrail;
  /** What this request's LLM calls have cost so far, for its audit entry. */
  requestCostMicros(): number;
  /** Release per-request resources (open pools); awaited in waitUntil after the response. */
  dispose(): Promise<void>;
}
