import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

// Money columns hold integer micro-units of USD (1 USD = 1,000,000); bigint keeps sums exact.
const micros = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum('role', ['owner', 'operator', 'readonly']);
export const messageRoleEnum = pgEnum('message_role', ['system', 'user', 'assistant', 'tool']);
export const callStatusEnum = pgEnum('call_status', ['ok', 'error', 'cached', 'refused', 'cancelled']);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  email: text('email').unique(),
  role: roleEnum('role').notNull(),
  createdAt: createdAt(),
});

// A user may hold several keys (one per client or device); only a SHA-256 hash is stored,
// with a short prefix to show in lists.
export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  label: text('label').notNull(),
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  role: roleEnum('role').notNull(),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  /** Past this instant the key and its tokens stop working; null never expires. */
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  /** The client the key speaks for (budget scope, owned objects); a rotated key keeps its predecessor's. */
  clientId: text('client_id'),
  /** Catalogue models this key may call; null allows every model. */
  allowedModels: text('allowed_models').array(),
  /** The key that replaced this one by rotation. */
  replacedBy: uuid('replaced_by'),
});

export const conversations = pgTable('conversations', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
  agent: text('agent'),
  title: text('title'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The audit trail of every message exchanged with a model. */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: messageRoleEnum('role').notNull(),
    content: text('content').notNull(),
    model: text('model'),
    provider: text('provider'),
    tokensIn: integer('tokens_in').notNull().default(0),
    tokensOut: integer('tokens_out').notNull().default(0),
    costMicros: micros('cost_micros'),
    latencyMs: integer('latency_ms'),
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (table) => [index('messages_conversation_idx').on(table.conversationId, table.createdAt)],
);

/** The model catalogue: prices are data so they change without a deploy. */
export const models = pgTable('models', {
  id: text('id').primaryKey(),
  provider: text('provider').notNull(),
  modelId: text('model_id').notNull(),
  displayName: text('display_name').notNull(),
  inputMicrosPerMillion: micros('input_micros_per_million'),
  outputMicrosPerMillion: micros('output_micros_per_million'),
  contextWindow: integer('context_window').notNull(),
  maxOutput: integer('max_output').notNull(),
  capabilities: text('capabilities').array().notNull().default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * OpenAI-compatible providers added by configuration. Keys never live here: a row names the
 * Worker secret that holds its key and the secrets its extra headers take their values from.
 */
export const llmProviders = pgTable('llm_providers', {
  id: text('id').primaryKey(),
  displayName: text('display_name').notNull(),
  baseUrl: text('base_url').notNull(),
  /** null for a server that takes no key. */
  apiKeySecret: text('api_key_secret'),
  /** Header name -> name of the secret holding its value. */
  headerSecrets: jsonb('header_secrets').$type<Record<string, string>>().notNull().default({}),
  /** Sends the Cloudflare Access service token (CF_ACCESS_CLIENT_ID / _SECRET) with every request. */
  behindAccess: boolean('behind_access').notNull().default(false),
  maxTokensField: text('max_tokens_field').notNull().default('max_tokens'),
  /** OpenAI parameters the upstream cannot honour: refused by name rather than sent. */
  unsupportedParameters: text('unsupported_parameters').array().notNull().default(sql`'{}'::text[]`),
  jsonSchema: boolean('json_schema').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row per LLM call, keyed by request id so a retried write never counts twice. */
export const spendLedger = pgTable(
  'spend_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** One provider attempt (or cache hit, refusal, expired lease): a replayed row changes nothing. */
    callId: text('call_id').notNull().unique().default(sql`gen_random_uuid()::text`),
    requestId: text('request_id').notNull(),
    kind: text('kind').notNull().default('call'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    tokensIn: integer('tokens_in').notNull().default(0),
    tokensOut: integer('tokens_out').notNull().default(0),
    costMicros: micros('cost_micros'),
    latencyMs: integer('latency_ms'),
    status: callStatusEnum('status').notNull(),
    cacheHit: boolean('cache_hit').notNull().default(false),
    scopeAgent: text('scope_agent'),
    scopeTask: text('scope_task'),
    scopeRun: text('scope_run'),
    scopeClient: text('scope_client'),
    leaseId: text('lease_id'),
    /** The budget windows the cost was charged to (the lease's), which reconciliation compares. */
    budgetDay: text('budget_day'),
    budgetMonth: text('budget_month'),
    /** The caller's end user and labels, as it sent them (`user`, `metadata`). */
    endUser: text('end_user'),
    metadata: jsonb('metadata').$type<Record<string, string>>(),
    /** On the answering call of a budget downgrade: the model the plan preferred. */
    downgradedFrom: text('downgraded_from'),
  },
  (table) => [
    index('spend_ledger_at_idx').on(table.at),
    index('spend_ledger_end_user_idx').on(table.endUser, table.at),
    index('spend_ledger_model_idx').on(table.model, table.at),
    index('spend_ledger_request_idx').on(table.requestId),
    index('spend_ledger_budget_day_idx').on(table.budgetDay),
    index('spend_ledger_budget_month_idx').on(table.budgetMonth),
  ],
);

/**
 * Ledger detail past `LEDGER_DETAIL_DAYS`, folded per UTC day and every dimension a report or the
 * reconciliation groups by (`src/budget/ledger-rollup.ts`). What is lost is per-call detail:
 * call and request ids, exact times, latency, leases and labels; every sum stays exact.
 */
export const spendLedgerDaily = pgTable(
  'spend_ledger_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    status: callStatusEnum('status').notNull(),
    scopeAgent: text('scope_agent'),
    scopeTask: text('scope_task'),
    scopeRun: text('scope_run'),
    scopeClient: text('scope_client'),
    budgetDay: text('budget_day'),
    budgetMonth: text('budget_month'),
    endUser: text('end_user'),
    calls: bigint('calls', { mode: 'number' }).notNull(),
    cacheHits: bigint('cache_hits', { mode: 'number' }).notNull(),
    tokensIn: bigint('tokens_in', { mode: 'number' }).notNull(),
    tokensOut: bigint('tokens_out', { mode: 'number' }).notNull(),
    costMicros: micros('cost_micros'),
  },
  (table) => [
    unique('spend_ledger_daily_key')
      .on(
        table.day,
        table.kind,
        table.provider,
        table.model,
        table.status,
        table.scopeAgent,
        table.scopeTask,
        table.scopeRun,
        table.scopeClient,
        table.budgetDay,
        table.budgetMonth,
        table.endUser,
      )
      .nullsNotDistinct(),
    index('spend_ledger_daily_budget_day_idx').on(table.budgetDay),
    index('spend_ledger_daily_budget_month_idx').on(table.budgetMonth),
    index('spend_ledger_daily_end_user_idx').on(table.endUser),
  ],
);

export const actionStatusEnum = pgEnum('action_status', ['queued', 'running', 'done', 'failed']);

/** One orchestrated action (ask, decide, brainstorm, ...): its state, result and cost. */
export const actions = pgTable(
  'actions',
  {
    id: uuid('id').primaryKey(),
    action: text('action').notNull(),
    input: text('input').notNull(),
    priority: text('priority').notNull(),
    agents: text('agents').array().notNull(),
    status: actionStatusEnum('status').notNull(),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    result: text('result'),
    error: text('error'),
    costMicros: micros('cost_micros'),
    requestedBy: text('requested_by').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('actions_created_idx').on(table.createdAt)],
);

/** Tasks added through the API; each save is a new version, the highest one is live. */
export const reactorTasks = pgTable(
  'reactor_tasks',
  {
    name: text('name').notNull(),
    version: integer('version').notNull(),
    yaml: text('yaml').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.name, table.version] })],
);

export const swarmStatusEnum = pgEnum('swarm_status', ['running', 'reducing', 'done', 'failed', 'cancelled']);

/** The index of swarm runs; each run's jobs and results live in its SwarmRun Durable Object. */
export const swarmRuns = pgTable(
  'swarm_runs',
  {
    id: uuid('id').primaryKey(),
    task: text('task').notNull(),
    taskVersion: integer('task_version').notNull(),
    status: swarmStatusEnum('status').notNull(),
    total: integer('total').notNull(),
    done: integer('done').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    costMicros: micros('cost_micros'),
    requestedBy: text('requested_by').notNull(),
    createdAt: createdAt(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (table) => [index('swarm_runs_created_idx').on(table.createdAt)],
);
