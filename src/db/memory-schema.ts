import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The catalogue of gold nuggets beside their vectors in Chroma. Chroma keeps the text, metadata
// and embedding but can neither sort nor add atomically, so D1 keeps what must be ordered and
// counted globally: when each nugget arrived and how often it was used (returned by a search
// or recalled by an agent). `uses = uses + 1` in one statement loses no count under concurrency,
// which a read-modify-write of Chroma metadata would. Times are epoch milliseconds.
export const memoryNuggets = sqliteTable(
  'memory_nuggets',
  {
    // One Chroma collection per embedding model; the same text has a row in each it was stored in.
    collection: text('collection').notNull(),
    id: text('id').notNull(),
    kind: text('kind', { enum: ['lesson', 'pattern', 'rule'] }).notNull(),
    source: text('source').notNull(),
    /** The nugget's tags, copied from Chroma so the lists can be filtered by one. */
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    createdAt: integer('created_at').notNull(),
    uses: integer('uses').notNull().default(0),
    lastUsedAt: integer('last_used_at'),
  },
  (table) => [
    primaryKey({ columns: [table.collection, table.id] }),
    index('memory_nuggets_latest').on(table.collection, table.createdAt),
    index('memory_nuggets_most_used').on(table.collection, table.uses),
  ],
);

export type MemoryNuggetRow = typeof memoryNuggets.$inferSelect;
