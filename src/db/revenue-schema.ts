import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const revenueSources = ['gumroad', 'fiverr', 'consulting'] as const;
export type RevenueSource = (typeof revenueSources)[number];

/** One sale, as the shop or the owner reported it; a refund marks its sale, it never deletes it. */
export const revenueEvents = sqliteTable(
  'revenue_events',
  {
    id: text('id').primaryKey(),
    source: text('source', { enum: revenueSources }).notNull(),
    // The shop's own id (Gumroad sale_id, Fiverr order number): a replayed ping finds it taken.
    externalId: text('external_id').notNull(),
    status: text('status', { enum: ['paid', 'refunded'] }).notNull(),
    amountMicros: integer('amount_micros').notNull(),
    feeMicros: integer('fee_micros'),
    currency: text('currency').notNull(),
    product: text('product').notNull(),
    productId: text('product_id'),
    buyerEmail: text('buyer_email'),
    at: integer('at').notNull(),
    recordedAt: integer('recorded_at').notNull(),
    refundedAt: integer('refunded_at'),
    recordedBy: text('recorded_by').notNull(),
  },
  (table) => [
    uniqueIndex('revenue_events_source_external_id').on(table.source, table.externalId),
    index('revenue_events_at').on(table.at),
  ],
);

export type RevenueEventRow = typeof revenueEvents.$inferSelect;
export type NewRevenueEvent = typeof revenueEvents.$inferInsert;
