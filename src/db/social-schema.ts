import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Small durable cursors: the mentions `since_id`, until when X's rate limit holds. */
export const socialState = sqliteTable('social_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Every X post read from the mentions timeline, once (its id is the key): the inbox the lead
 * machine works through. A post is classified at most a few times and never turned into a lead twice.
 */
export const xPosts = sqliteTable(
  'x_posts',
  {
    postId: text('post_id').primaryKey(),
    authorId: text('author_id').notNull(),
    username: text('username'),
    displayName: text('display_name'),
    text: text('text').notNull(),
    postedAt: integer('posted_at'),
    status: text('status', { enum: ['pending', 'working', 'done', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    intent: integer('intent', { mode: 'boolean' }),
    reading: text('reading', { mode: 'json' }).$type<Record<string, unknown>>(),
    leadId: text('lead_id'),
    error: text('error'),
    receivedAt: integer('received_at').notNull(),
    processedAt: integer('processed_at'),
  },
  (table) => [index('x_posts_status').on(table.status, table.receivedAt)],
);

export type XPostRow = typeof xPosts.$inferSelect;
