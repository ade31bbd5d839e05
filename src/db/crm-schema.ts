import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// The CRM's D1 tables. Times are epoch milliseconds; the API turns them into ISO strings.
// The full-text index `leads_fts` (FTS5, external content over `seq`: name, company, email, notes,
// title, need) and its sync triggers are hand-written SQL (migrations 0002 and 0013): drizzle-kit
// does not model virtual tables or triggers.

export const leadStatuses = ['new', 'contacted', 'qualified', 'proposal', 'won', 'lost'] as const;
export type LeadStatus = (typeof leadStatuses)[number];
// Which status may follow which is the pipeline's rule, in src/crm/pipeline.ts.

// The BANT values a lead carries; the rules that score them are in src/crm/bant.ts.
export const budgetCurrencies = ['EUR', 'USD', 'GBP', 'CHF'] as const;
export type BudgetCurrency = (typeof budgetCurrencies)[number];

export const authorityLevels = ['decision_maker', 'influencer', 'user', 'gatekeeper'] as const;
export type AuthorityLevel = (typeof authorityLevels)[number];

export type BantPart = 'budget' | 'authority' | 'need' | 'timeline';

export interface ScorePart {
  part: BantPart;
  points: number;
  rule: string;
}

export interface BantScore {
  total: number;
  parts: ScorePart[];
}

export const leads = sqliteTable(
  'leads',
  {
    // An INTEGER PRIMARY KEY keeps the rowid stable across VACUUM, which the FTS index relies on;
    // it is also the stable order of list pages. Clients only ever see `id`.
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    // Lower-cased email; its unique index is what makes a duplicate create fail under concurrency.
    emailNormalized: text('email_normalized').notNull(),
    company: text('company'),
    title: text('title'),
    source: text('source'),
    status: text('status', { enum: leadStatuses }).notNull().default('new'),
    budgetMicros: integer('budget_micros'),
    budgetCurrency: text('budget_currency', { enum: budgetCurrencies }).notNull().default('EUR'),
    authorityRole: text('authority_role'),
    authorityLevel: text('authority_level', { enum: authorityLevels }),
    needDescription: text('need_description'),
    painLevel: integer('pain_level'),
    timelineDays: integer('timeline_days'),
    /** UTC midnight of the target date. */
    targetDate: integer('target_date'),
    score: integer('score').notNull().default(0),
    scoreBreakdown: text('score_breakdown', { mode: 'json' }).$type<BantScore>(),
    scoredAt: integer('scored_at'),
    notes: text('notes'),
    // A fresh random value per write: updates are guarded on it, so two concurrent edits cannot
    // both pass the status check, and events are written only for the update that applied.
    revision: text('revision').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('leads_id').on(table.id),
    uniqueIndex('leads_email_normalized').on(table.emailNormalized),
    index('leads_status_seq').on(table.status, table.seq),
    index('leads_source_seq').on(table.source, table.seq),
    index('leads_score').on(table.score),
  ],
);

export const leadEventKinds = [
  'created',
  'status',
  'score',
  'outreach',
  'enrichment',
  'evidence',
  'conversion',
] as const;
export type LeadEventKind = (typeof leadEventKinds)[number];

/** The lead's history: status changes, every score with its breakdown, outreach and enrichment calls. */
export const leadEvents = sqliteTable(
  'lead_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: leadEventKinds }).notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** The client that caused it; null for the system. */
    actor: text('actor'),
    at: integer('at').notNull(),
  },
  (table) => [index('lead_events_lead_id').on(table.leadId, table.id)],
);

export type LeadRow = typeof leads.$inferSelect;
export type NewLeadRow = typeof leads.$inferInsert;
export type LeadEventRow = typeof leadEvents.$inferSelect;
