import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { LeadStatus } from './crm-schema';

// The sales engine's D1 tables. Times are epoch milliseconds.

/** Which leads a segment holds, as stored; src/sales/segment-rules.ts validates and applies them. */
export interface SegmentRules {
  minScore?: number;
  maxScore?: number;
  sources?: string[];
  industries?: string[];
  companies?: string[];
  statuses?: LeadStatus[];
}

/** One email of a sequence, as stored; src/sales/sequence-input.ts validates it on the way in. */
export interface SequenceStep {
  subject: string;
  body: string;
  /** An instruction for one personalised opening line. */
  personalise?: string;
  /** After the previous step (after enrolment for the first). */
  delayMinutes: number;
}

export const segments = sqliteTable(
  'sales_segments',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    rules: text('rules', { mode: 'json' }).$type<SegmentRules>().notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [uniqueIndex('sales_segments_name').on(table.name)],
);

export const sequenceStatuses = ['active', 'paused'] as const;

export const sequences = sqliteTable(
  'sales_sequences',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    segmentId: text('segment_id')
      .notNull()
      .references(() => segments.id),
    status: text('status', { enum: sequenceStatuses }).notNull().default('active'),
    steps: text('steps', { mode: 'json' }).$type<SequenceStep[]>().notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [uniqueIndex('sales_sequences_name').on(table.name)],
);

export const enrolmentStatuses = ['active', 'completed', 'replied', 'unsubscribed', 'bounced', 'failed'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

/** A lead in a sequence: at most once (unique lead + sequence), with the next step to send. */
export const enrolments = sqliteTable(
  'sales_enrolments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    leadId: text('lead_id').notNull(),
    sequenceId: text('sequence_id')
      .notNull()
      .references(() => sequences.id, { onDelete: 'cascade' }),
    status: text('status', { enum: enrolmentStatuses }).notNull().default('active'),
    /** Index of the next step to send; equals the step count once completed. */
    nextStep: integer('next_step').notNull().default(0),
    enrolledAt: integer('enrolled_at').notNull(),
    lastSentAt: integer('last_sent_at'),
    updatedAt: integer('updated_at').notNull(),
    error: text('error'),
  },
  (table) => [
    uniqueIndex('sales_enrolments_lead_sequence').on(table.leadId, table.sequenceId),
    index('sales_enrolments_status').on(table.status, table.sequenceId),
  ],
);

export const sendStatuses = ['claimed', 'sent', 'failed'] as const;

/** One row per (lead, sequence, step), claimed before the email goes out: a step is never sent twice. */
export const sends = sqliteTable(
  'sales_sends',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    leadId: text('lead_id').notNull(),
    sequenceId: text('sequence_id').notNull(),
    step: integer('step').notNull(),
    status: text('status', { enum: sendStatuses }).notNull(),
    claimedAt: integer('claimed_at').notNull(),
    sentAt: integer('sent_at'),
    provider: text('provider'),
    messageId: text('message_id'),
    dryRun: integer('dry_run', { mode: 'boolean' }).notNull().default(false),
    personalised: integer('personalised', { mode: 'boolean' }).notNull().default(false),
    error: text('error'),
  },
  (table) => [
    uniqueIndex('sales_sends_lead_sequence_step').on(table.leadId, table.sequenceId, table.step),
    index('sales_sends_sequence').on(table.sequenceId, table.id),
    // E-mail events find their send by the provider's message id.
    index('sales_sends_message').on(table.messageId),
  ],
);

export const suppressionReasons = ['unsubscribed', 'bounced', 'complained', 'erased'] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

/** Addresses that are never emailed again, whatever sequence or import brings them back. */
export const suppressions = sqliteTable('email_suppressions', {
  emailNormalized: text('email_normalized').primaryKey(),
  /** `erased`: a person erased before came back (an import, a capture, a restore). */
  reason: text('reason', { enum: suppressionReasons }).notNull(),
  at: integer('at').notNull(),
});

/**
 * Addresses of erased people, as SHA-256 hashes (`src/crm/erased-addresses.ts`): the plain address
 * is gone with the person, yet a later import, capture or restore of it is recognised and never
 * mailed. The reason is the plain entry's when the person had opted out before.
 */
export const suppressionHashes = sqliteTable('email_suppression_hashes', {
  emailHash: text('email_hash').primaryKey(),
  reason: text('reason', { enum: suppressionReasons }).notNull(),
  at: integer('at').notNull(),
});

/** One unguessable token per address for its unsubscribe link. */
export const unsubscribeTokens = sqliteTable(
  'unsubscribe_tokens',
  {
    token: text('token').primaryKey(),
    emailNormalized: text('email_normalized').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [uniqueIndex('unsubscribe_tokens_email').on(table.emailNormalized)],
);

export type SegmentRow = typeof segments.$inferSelect;
export type SequenceRow = typeof sequences.$inferSelect;
export type EnrolmentRow = typeof enrolments.$inferSelect;
export type SendRow = typeof sends.$inferSelect;
