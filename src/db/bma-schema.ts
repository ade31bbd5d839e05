import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// BMA consulting: audits and engagements. Times are epoch ms; fees integer micro-units.
// An audit is stored whole: the site, the findings and the result below, as JSON. The knowledge
// base's items and the audit's rules are in src/bma/.

export const siteTypes = [
  'office',
  'hotel',
  'hospital',
  'care_home',
  'school',
  'assembly',
  'retail',
  'industrial',
  'warehouse',
  'data_centre',
  'residential',
  'other',
] as const;
export type SiteType = (typeof siteTypes)[number];

export const severities = ['critical', 'major', 'minor'] as const;
export type Severity = (typeof severities)[number];

/** The site audited, as stored; src/bma/audit-input.ts validates it on the way in. */
export interface Site {
  name: string;
  type: SiteType;
  address?: string;
  /** Gross floor area in m². */
  areaM2: number;
  floors: number;
  occupants?: number;
  /** People sleep there; defaults from the site type when absent. */
  sleepingOccupants?: boolean;
  connectedToFireBrigade: boolean;
}

/** One thing found on site, as stored; src/bma/audit-input.ts validates it on the way in. */
export interface Finding {
  text: string;
  /** The checklist item it concerns, when known. */
  itemId?: string;
  location?: string;
  /** Overrides the item's severity. */
  severity?: Severity;
}

export interface ChecklistEntry {
  itemId: string;
  category: string;
  requirement: string;
  norm: string;
  severity: Severity;
  status: 'deviation' | 'to_verify';
  findings: number[];
}

export interface MappedFinding {
  index: number;
  text: string;
  location?: string;
  itemId: string | null;
  matchedBy: 'item_id' | 'keywords' | null;
  severity: Severity | null;
}

export interface Suggestion {
  priority: 'immediately' | 'within_4_weeks' | 'next_maintenance';
  itemId: string | null;
  text: string;
  rule: string;
}

export interface AuditResult {
  site: Site;
  checklist: ChecklistEntry[];
  findings: MappedFinding[];
  suggestions: Suggestion[];
  summary: string;
  counts: { items: number; deviations: number; critical: number; unmapped: number };
}

export const bmaAudits = sqliteTable(
  'bma_audits',
  {
    id: text('id').primaryKey(),
    customer: text('customer'),
    engagementId: text('engagement_id'),
    site: text('site', { mode: 'json' }).$type<Site>().notNull(),
    findings: text('findings', { mode: 'json' }).$type<Finding[]>().notNull(),
    result: text('result', { mode: 'json' }).$type<AuditResult>().notNull(),
    wording: text('wording', { enum: ['rules', 'llm'] }).notNull(),
    costMicros: integer('cost_micros').notNull().default(0),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('bma_audits_created').on(table.createdAt)],
);

export const engagementStatuses = ['proposed', 'active', 'completed', 'invoiced', 'paid', 'cancelled'] as const;
export type EngagementStatus = (typeof engagementStatuses)[number];

export const bmaEngagements = sqliteTable(
  'bma_engagements',
  {
    id: text('id').primaryKey(),
    customer: text('customer').notNull(),
    site: text('site').notNull(),
    description: text('description'),
    feeMicros: integer('fee_micros').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: engagementStatuses }).notNull(),
    invoicedAt: integer('invoiced_at'),
    paidAt: integer('paid_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [index('bma_engagements_status').on(table.status), index('bma_engagements_paid').on(table.paidAt)],
);

export type AuditRow = typeof bmaAudits.$inferSelect;
export type EngagementRow = typeof bmaEngagements.$inferSelect;
