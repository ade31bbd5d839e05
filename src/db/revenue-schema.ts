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

export const matchMethods = ['email', 'manual', 'linked'] as const;
export type MatchMethod = (typeof matchMethods)[number];

/**
 * A sale matched to the lead who bought: at most one lead per sale. The attribution is a snapshot
 * taken when the sale was matched (the segments the lead fell in, its source, the sequences it was
 * enrolled in), so later edits to a lead or a segment do not rewrite what converted. A refund
 * marks the sale, not this row: a conversion counts while its sale is paid.
 */
export const conversions = sqliteTable(
  'conversions',
  {
    saleId: text('sale_id')
      .primaryKey()
      .references(() => revenueEvents.id, { onDelete: 'cascade' }),
    leadId: text('lead_id').notNull(),
    matchedBy: text('matched_by', { enum: matchMethods }).notNull(),
    segmentIds: text('segment_ids', { mode: 'json' }).$type<string[]>().notNull(),
    /** The lead's source, lower-cased; null when it had none. */
    leadSource: text('lead_source'),
    sequenceIds: text('sequence_ids', { mode: 'json' }).$type<string[]>().notNull(),
    matchedAt: integer('matched_at').notNull(),
    /** The client that matched it; null for a match made by e-mail. */
    matchedByClient: text('matched_by_client'),
  },
  (table) => [index('conversions_lead_id').on(table.leadId), index('conversions_lead_source').on(table.leadSource)],
);

export type ConversionRow = typeof conversions.$inferSelect;
