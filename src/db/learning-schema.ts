import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The patterns the learning workflow found on its last run, with the figures behind them. Long-term
// memory keeps every run's nuggets for recall by meaning; this table keeps only the latest set,
// exact and readable without Chroma, for the prompts that use them. Times are epoch milliseconds.

export const insightAreas = ['content', 'sales'] as const;
export type InsightArea = (typeof insightAreas)[number];

/** The counts a pattern was computed from; every rate is one of these over another. */
export interface InsightFigures {
  /** What the rate counts: engagements or converted leads. */
  hits: number;
  /** What it is counted over: impressions and deliveries, or leads. */
  base: number;
  /** hits / base to four places. */
  rate: number;
  /** Posts behind a content pattern; leads behind a sales one. */
  samples: number;
  /** The same figures for the dimension's other keys, when they partition the whole. */
  others?: { hits: number; base: number; rate: number };
  /** Fewer samples than the minimum for a firm figure: shown, but said to be small. */
  small: boolean;
}

export const insights = sqliteTable(
  'insights',
  {
    area: text('area', { enum: insightAreas }).notNull(),
    /** channel, slot, format, topic (content); segment, source, sequence (sales). */
    dimension: text('dimension').notNull(),
    /** The group within the dimension: `x`, `x 09:00`, an idea or segment id … */
    key: text('key').notNull(),
    figures: text('figures', { mode: 'json' }).$type<InsightFigures>().notNull(),
    /** The pattern in one sentence with its numbers: the text of its memory nugget. */
    text: text('text').notNull(),
    computedAt: integer('computed_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.area, table.dimension, table.key] })],
);

export type InsightRow = typeof insights.$inferSelect;
