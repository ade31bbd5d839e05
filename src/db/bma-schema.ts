import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { AuditResult } from '../bma/audit';
import type { Finding, Site } from '../bma/audit-input';

// BMA consulting: audits and engagements. Times are epoch ms; fees integer micro-units.

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
