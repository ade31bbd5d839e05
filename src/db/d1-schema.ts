import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Times are epoch milliseconds inside the system; the API turns them into ISO strings.

export type StepStatus = 'running' | 'succeeded' | 'failed' | 'skipped' | 'reused';

/**
 * One step as recorded on its run. `running`: started and not yet ended (a step still `running`
 * on a run nobody runs any more was cut off by a crash). `reused`: taken from the failed run this
 * run retries.
 */
export interface StepRecord {
  name: string;
  status: StepStatus;
  attempts: number;
  startedAt: number;
  /** Absent while the step runs. */
  endedAt?: number;
  costMicros: number;
  output?: unknown;
  note?: string;
  error?: string;
}

export const workflowRuns = sqliteTable(
  'workflow_runs',
  {
    id: text('id').primaryKey(),
    workflow: text('workflow').notNull(),
    trigger: text('trigger', { enum: ['cron', 'manual', 'retry', 'webhook'] }).notNull(),
    cron: text('cron'),
    tick: integer('tick'),
    // One run per schedule tick: a trigger that fires twice finds the key taken.
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'failed', 'skipped'] }).notNull(),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
    costMicros: integer('cost_micros').notNull().default(0),
    error: text('error'),
    steps: text('steps', { mode: 'json' }).$type<StepRecord[]>(),
    /** The failed run this one retries: its succeeded steps' outputs are reused, not run again. */
    retryOf: text('retry_of'),
    failedStep: text('failed_step'),
    /** The heartbeat: written when a step starts, retries or ends. A running run whose heartbeat is old was interrupted. */
    updatedAt: integer('updated_at').notNull().default(0),
    /**
     * Times the run was taken over after an interruption. It is also the run's fence: the runner
     * writes only while the count is the one it started with, so a runner that was thought dead
     * and comes back cannot write over the one that took its place.
     */
    resumes: integer('resumes').notNull().default(0),
    /** What the run was started with (a manual run's or a webhook's `input`), checked against the workflow's schema. */
    input: text('input', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (table) => [
    uniqueIndex('workflow_runs_idempotency_key').on(table.idempotencyKey),
    index('workflow_runs_progress').on(table.status, table.updatedAt),
  ],
);

/** Every message the queue gave up on, kept with the reason so nothing is silently lost. */
export const deadLetters = sqliteTable('dead_letters', {
  messageId: text('message_id').primaryKey(),
  queue: text('queue').notNull(),
  kind: text('kind'),
  body: text('body').notNull(),
  attempts: integer('attempts').notNull(),
  reason: text('reason').notNull(),
  receivedAt: integer('received_at').notNull(),
});

/**
 * LLM calls refused by a budget cap, waiting until the budget allows them. The row is the record
 * of what is outstanding: a queue message wakes it on time, and the sweep wakes any whose message
 * was lost.
 */
export const deferredCalls = sqliteTable(
  'deferred_calls',
  {
    id: text('id').primaryKey(),
    request: text('request', { mode: 'json' }).notNull(),
    refusal: text('refusal', { mode: 'json' }).notNull(),
    status: text('status', { enum: ['waiting', 'running', 'done', 'failed'] }).notNull(),
    notBefore: integer('not_before').notNull(),
    attempts: integer('attempts').notNull().default(0),
    result: text('result', { mode: 'json' }),
    error: text('error'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [index('deferred_calls_due').on(table.status, table.notBefore)],
);

/**
 * Webhook deliveries (Telegram update ids, GitHub delivery ids) claimed while Redis was down,
 * so a redelivery is still handled once. Rows are written only then, and go when they expire.
 */
export const webhookClaims = sqliteTable(
  'webhook_claims',
  {
    key: text('key').primaryKey(),
    claimedAt: integer('claimed_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (table) => [index('webhook_claims_expires_at').on(table.expiresAt)],
);

/**
 * Every audit entry, kept here before its request answers and until Postgres has it: the queue
 * consumer removes it once written; the health check's replay writes what the queue left (by
 * entry id, so a repeat is a no-op).
 */
export const auditOutbox = sqliteTable('audit_outbox', {
  entryId: text('entry_id').primaryKey(),
  entry: text('entry', { mode: 'json' }).notNull(),
  storedAt: integer('stored_at').notNull(),
});

/**
 * The secret that signs a workflow's inbound webhooks, sealed with WORKFLOW_WEBHOOK_KEY (AES-GCM),
 * so a copy of this table alone cannot sign. After a rotation the replaced secret still verifies
 * until `previousUntil`.
 */
export const workflowWebhookSecrets = sqliteTable('workflow_webhook_secrets', {
  workflow: text('workflow').primaryKey(),
  sealed: text('sealed').notNull(),
  createdAt: integer('created_at').notNull(),
  previousSealed: text('previous_sealed'),
  previousUntil: integer('previous_until'),
});
