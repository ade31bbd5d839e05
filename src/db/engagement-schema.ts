import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// What happened after something went out: X metrics read back and e-mail events from the
// providers' webhooks. Times are epoch milliseconds.

/** A published content item (X post or thread, newsletter) or one e-mail of a sales sequence. */
export const engagementSubjectKinds = ['publication', 'send'] as const;
export type EngagementSubjectKind = (typeof engagementSubjectKinds)[number];

export const emailEventKinds = ['delivered', 'opened', 'clicked', 'bounced', 'complained'] as const;
export type EmailEventKind = (typeof emailEventKinds)[number];

export const emailEventProviders = ['resend', 'sendgrid'] as const;
export type EmailEventProvider = (typeof emailEventProviders)[number];

/**
 * The current totals of one subject, one row each, in a shape meant for grouping: channel, idea,
 * format and the time it went out sit on the row, so "what worked" is one GROUP BY away. X counts
 * are the latest snapshot (summed over a thread's posts); e-mail counts are recounted from
 * `email_events` whenever an event arrives, so a repeated event can never count twice.
 */
export const engagementTotals = sqliteTable(
  'engagement_totals',
  {
    subjectKind: text('subject_kind', { enum: engagementSubjectKinds }).notNull(),
    /** The content item's id, or the sales send's id as text. */
    subjectId: text('subject_id').notNull(),
    /** x, newsletter, … for publications; `sales_email` for sends. */
    channel: text('channel').notNull(),
    /** The content idea (topic) a publication came from; the sequence for a send. */
    ideaId: text('idea_id'),
    sequenceId: text('sequence_id'),
    /** `post` or `thread` on X, `newsletter`, `sales_email`. */
    format: text('format').notNull(),
    /** When it went out: the posting slot it took. */
    postedAt: integer('posted_at').notNull(),
    impressions: integer('impressions').notNull().default(0),
    likes: integer('likes').notNull().default(0),
    reposts: integer('reposts').notNull().default(0),
    replies: integer('replies').notNull().default(0),
    quotes: integer('quotes').notNull().default(0),
    bookmarks: integer('bookmarks').notNull().default(0),
    metricsReadAt: integer('metrics_read_at'),
    delivered: integer('delivered').notNull().default(0),
    opened: integer('opened').notNull().default(0),
    clicked: integer('clicked').notNull().default(0),
    bounced: integer('bounced').notNull().default(0),
    complained: integer('complained').notNull().default(0),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('engagement_totals_subject').on(table.subjectKind, table.subjectId),
    index('engagement_totals_posted').on(table.postedAt, table.channel),
  ],
);

/** Every X metrics reading of a publication, kept so growth over time can be compared. */
export const engagementSnapshots = sqliteTable(
  'engagement_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: text('item_id').notNull(),
    readAt: integer('read_at').notNull(),
    /** Posts that answered (a deleted post of a thread drops out). */
    posts: integer('posts').notNull(),
    impressions: integer('impressions').notNull(),
    likes: integer('likes').notNull(),
    reposts: integer('reposts').notNull(),
    replies: integer('replies').notNull(),
    quotes: integer('quotes').notNull(),
    bookmarks: integer('bookmarks').notNull(),
  },
  (table) => [index('engagement_snapshots_item').on(table.itemId, table.readAt)],
);

/**
 * One row per provider event, keyed by the provider's event id (Resend's svix-id, SendGrid's
 * sg_event_id): the insert is the idempotency check. Events for mail the product cannot place
 * (an alert e-mail) are kept without a subject, so their redelivery is recognised too. No
 * address is stored.
 */
export const emailEvents = sqliteTable(
  'email_events',
  {
    provider: text('provider', { enum: emailEventProviders }).notNull(),
    eventId: text('event_id').notNull(),
    messageId: text('message_id').notNull(),
    kind: text('kind', { enum: emailEventKinds }).notNull(),
    subjectKind: text('subject_kind', { enum: engagementSubjectKinds }),
    subjectId: text('subject_id'),
    occurredAt: integer('occurred_at').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (table) => [
    uniqueIndex('email_events_provider_event').on(table.provider, table.eventId),
    index('email_events_subject').on(table.subjectKind, table.subjectId, table.kind),
  ],
);

export type EngagementTotalsRow = typeof engagementTotals.$inferSelect;
export type EngagementSnapshotRow = typeof engagementSnapshots.$inferSelect;
export type EmailEventRow = typeof emailEvents.$inferSelect;
