import type { LeadEventRow, LeadRow } from '../db/crm-schema';
import { msToDate } from './lead-input';
import { nextStatuses } from './pipeline';

const iso = (ms: number) => new Date(ms).toISOString();

/** A lead as the API shows it: ISO times, money in currency units, the statuses it may move to. */
export function presentLead(row: LeadRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    company: row.company,
    title: row.title,
    source: row.source,
    status: row.status,
    nextStatuses: nextStatuses(row.status),
    budgetAmount: row.budgetMicros === null ? null : row.budgetMicros / 1_000_000,
    budgetCurrency: row.budgetCurrency,
    authorityRole: row.authorityRole,
    authorityLevel: row.authorityLevel,
    needDescription: row.needDescription,
    painLevel: row.painLevel,
    timelineDays: row.timelineDays,
    targetDate: row.targetDate === null ? null : msToDate(row.targetDate),
    score: row.score,
    scoreBreakdown: row.scoreBreakdown
      ? { ...row.scoreBreakdown, scoredAt: row.scoredAt === null ? null : iso(row.scoredAt) }
      : null,
    notes: row.notes,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export type LeadView = ReturnType<typeof presentLead>;

export function presentEvent(row: LeadEventRow) {
  return { id: row.id, kind: row.kind, data: row.data, actor: row.actor, at: iso(row.at) };
}
