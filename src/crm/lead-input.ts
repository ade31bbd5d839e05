import { z } from 'zod';
import { authorityLevels, budgetCurrencies, type LeadRow, leadStatuses, type NewLeadRow } from '../db/crm-schema';
import type { BantInput } from './bant';

// The fields of a lead as clients send them: the JSON API and every CSV row pass these schemas.

const text = (max: number) => z.string().trim().min(1).max(max);

export const leadFields = {
  name: text(200),
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email({ error: 'must be an email address' }))
    .describe('Email address; unique ignoring case'),
  company: text(200).nullable(),
  title: text(200).nullable().describe('Job title; authority is read from it when no role or level is given'),
  source: text(100).nullable().describe('Where the lead came from, e.g. referral, website, linkedin'),
  notes: z.string().max(20_000).nullable(),
  status: z.enum(leadStatuses),
  budgetAmount: z.number().nonnegative().max(1_000_000_000).nullable().describe('In budgetCurrency'),
  budgetCurrency: z.enum(budgetCurrencies),
  authorityRole: text(200).nullable().describe("The contact's role in the buying decision, e.g. CEO"),
  authorityLevel: z.enum(authorityLevels).nullable(),
  needDescription: text(2_000).nullable(),
  painLevel: z.number().int().min(1).max(5).nullable().describe('1 nice to have … 5 costly, urgent problem'),
  timelineDays: z.number().int().min(0).max(3_650).nullable().describe('Days until the project would start'),
  targetDate: z.iso.date().nullable().describe('YYYY-MM-DD; wins over timelineDays'),
};

export const createLeadSchema = z
  .object(leadFields)
  .partial()
  .extend({
    name: leadFields.name,
    email: leadFields.email,
    status: leadFields.status.default('new'),
    budgetCurrency: leadFields.budgetCurrency.default('EUR'),
  })
  .strict();

export const updateLeadSchema = z
  .object(leadFields)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Give at least one field to change');

export type LeadInput = z.output<typeof createLeadSchema>;
export type LeadPatch = z.output<typeof updateLeadSchema>;

/** The columns a client can set, as stored. */
export type LeadColumns = Omit<
  NewLeadRow,
  'seq' | 'id' | 'revision' | 'createdAt' | 'updatedAt' | 'score' | 'scoreBreakdown' | 'scoredAt'
>;

/** Uniqueness is case-insensitive: `Anna@Acme.io` and `anna@acme.io` are one lead. */
export const normalizeEmail = (value: string) => value.normalize('NFC').trim().toLowerCase();

const dateToMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
export const msToDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Client fields to stored columns; a field left out stays out, null clears it. */
export function toColumns(patch: LeadPatch): Partial<LeadColumns> {
  const { email: address, budgetAmount, targetDate, ...same } = patch;
  const columns: Partial<LeadColumns> = { ...same };
  if (address !== undefined) {
    columns.email = address;
    columns.emailNormalized = normalizeEmail(address);
  }
  if (budgetAmount !== undefined) columns.budgetMicros = budgetAmount === null ? null : Math.round(budgetAmount * 1e6);
  if (targetDate !== undefined) columns.targetDate = targetDate === null ? null : dateToMs(targetDate);
  return columns;
}

/** The columns scoring reads; a change to any of them rescores the lead. */
export const bantColumns = [
  'budgetMicros',
  'budgetCurrency',
  'authorityRole',
  'authorityLevel',
  'title',
  'needDescription',
  'painLevel',
  'timelineDays',
  'targetDate',
] as const satisfies readonly (keyof LeadColumns)[];

/** The scoring inputs of a stored row, or of columns about to be stored (absent = unknown). */
export function bantInput(row: Partial<Pick<LeadRow, (typeof bantColumns)[number]>>): BantInput {
  return {
    budgetMicros: row.budgetMicros ?? null,
    budgetCurrency: row.budgetCurrency ?? 'EUR',
    authorityRole: row.authorityRole ?? null,
    authorityLevel: row.authorityLevel ?? null,
    title: row.title ?? null,
    needDescription: row.needDescription ?? null,
    painLevel: row.painLevel ?? null,
    timelineDays: row.timelineDays ?? null,
    targetDate: row.targetDate ?? null,
  };
}
