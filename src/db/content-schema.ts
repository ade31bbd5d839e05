import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// The content engine's D1 tables. Times are epoch milliseconds; the API shows ISO strings.

export const contentChannels = ['x', 'linkedin', 'blog', 'newsletter', 'discord', 'reddit'] as const;
export type ContentChannel = (typeof contentChannels)[number];

export const contentStatuses = ['draft', 'approved', 'scheduled', 'published', 'failed', 'rejected'] as const;
export type ContentStatus = (typeof contentStatuses)[number];
// Which status may follow which is the content engine's rule, in src/content/lifecycle.ts.

/** A topic to write about, typed in by the owner or proposed by the Mouth agent. */
export const contentIdeas = sqliteTable('content_ideas', {
  id: text('id').primaryKey(),
  topic: text('topic').notNull(),
  brief: text('brief'),
  origin: text('origin', { enum: ['manual', 'generated'] }).notNull(),
  createdBy: text('created_by'),
  createdAt: integer('created_at').notNull(),
});

/** One channel's variant of an idea; the unit that is approved, scheduled and published. */
export const contentItems = sqliteTable(
  'content_items',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    ideaId: text('idea_id')
      .notNull()
      .references(() => contentIdeas.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: contentChannels }).notNull(),
    status: text('status', { enum: contentStatuses }).notNull(),
    body: text('body', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    // Blog posts only; unique, so two posts never share a URL.
    slug: text('slug'),
    scheduledAt: integer('scheduled_at'),
    publishedAt: integer('published_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    // Same guard as the CRM's leads: a write applies only to the revision it read.
    revision: text('revision').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('content_items_id').on(table.id),
    uniqueIndex('content_items_idea_channel').on(table.ideaId, table.channel),
    uniqueIndex('content_items_slug').on(table.slug),
    // One item per posting slot and channel: two approvals racing for a slot cannot both take it.
    uniqueIndex('content_items_slot').on(table.channel, table.scheduledAt).where(sql`status = 'scheduled'`),
    index('content_items_status_due').on(table.status, table.scheduledAt),
  ],
);

/**
 * What was sent where: one row per item (an item is one channel), claimed before the first call,
 * so an item is never published twice. A thread keeps the ids of the parts already posted, and a
 * retry continues after them.
 */
export const contentPublications = sqliteTable('content_publications', {
  itemId: text('item_id')
    .primaryKey()
    .references(() => contentItems.id, { onDelete: 'cascade' }),
  channel: text('channel', { enum: contentChannels }).notNull(),
  state: text('state', { enum: ['sending', 'sent', 'failed'] }).notNull(),
  remoteIds: text('remote_ids', { mode: 'json' }).$type<string[]>().notNull(),
  url: text('url'),
  dryRun: integer('dry_run', { mode: 'boolean' }).notNull(),
  claimedAt: integer('claimed_at').notNull(),
  finishedAt: integer('finished_at'),
  error: text('error'),
});

export const contentEventKinds = ['created', 'status', 'edited', 'publish'] as const;

export const contentEvents = sqliteTable(
  'content_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: text('item_id')
      .notNull()
      .references(() => contentItems.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: contentEventKinds }).notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    actor: text('actor'),
    at: integer('at').notNull(),
  },
  (table) => [index('content_events_item').on(table.itemId, table.id)],
);

export type ContentIdeaRow = typeof contentIdeas.$inferSelect;
export type ContentItemRow = typeof contentItems.$inferSelect;
export type ContentPublicationRow = typeof contentPublications.$inferSelect;
export type ContentEventRow = typeof contentEvents.$inferSelect;
