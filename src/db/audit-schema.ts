import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Who did what to which target, when, at what cost: one row per state-changing API call and per
 * agent action. Append-only. Actors are named by client id and key prefix, never by a whole key
 * or token; `details` is small and passed through the redactor before it is written.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Made by the producer, so a redelivered queue batch inserts nothing twice. */
    entryId: uuid('entry_id').notNull().unique(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id').notNull(),
    actorRole: text('actor_role'),
    actorKeyPrefix: text('actor_key_prefix'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    outcome: text('outcome').notNull(),
    status: integer('status'),
    costMicros: bigint('cost_micros', { mode: 'number' }).notNull().default(0),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [
    index('audit_log_at_idx').on(table.at),
    index('audit_log_actor_idx').on(table.actorId, table.id),
    index('audit_log_action_idx').on(table.action, table.id),
    index('audit_log_target_idx').on(table.targetType, table.targetId, table.id),
  ],
);
