import { and, gte, inArray, lte, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { leadStatuses, leads } from '../db/crm-schema';
import type { SegmentRules } from '../db/sales-schema';

const word = z.string().trim().min(1).max(100);

/**
 * Which leads a segment holds. Every rule given must match (AND); inside a list any entry may
 * match (OR). Industries are keywords looked for in the company, title, need and notes, since
 * the CRM has no industry column.
 */
export const segmentRulesSchema = z
  .object({
    minScore: z.number().int().min(0).max(100).optional().describe('BANT score at least this'),
    maxScore: z.number().int().min(0).max(100).optional(),
    sources: z.array(word.toLowerCase()).min(1).max(20).optional().describe("Lead sources, e.g. ['x', 'referral']"),
    industries: z.array(word).min(1).max(20).optional().describe('Keywords for the industry'),
    companies: z.array(word).min(1).max(50).optional().describe('Parts of the company name'),
    statuses: z
      .array(z.enum(leadStatuses))
      .min(1)
      .optional()
      .describe('Pipeline statuses; default every status except won and lost'),
  })
  .strict()
  .refine((rules) => rules.minScore === undefined || rules.maxScore === undefined || rules.minScore <= rules.maxScore, {
    message: 'minScore must not exceed maxScore',
    path: ['maxScore'],
  }) satisfies z.ZodType<SegmentRules>;

const contains = (column: SQL | typeof leads.company, needle: string) =>
  sql`instr(lower(coalesce(${column}, '')), ${needle.toLowerCase()}) > 0`;

/**
 * The rules as one SQL condition over `leads`; values are bound, never spliced. With
 * `everyStatus`, rules that name no statuses hold leads of any status: the default leaves out won
 * and lost leads so that sequences never e-mail them, but a customer still belongs to the segment
 * it bought from when conversions are attributed and counted.
 */
export function segmentCondition(rules: SegmentRules, options: { everyStatus?: boolean } = {}): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (rules.minScore !== undefined) parts.push(gte(leads.score, rules.minScore));
  if (rules.maxScore !== undefined) parts.push(lte(leads.score, rules.maxScore));
  if (rules.sources) parts.push(inArray(sql`lower(${leads.source})`, rules.sources));
  if (rules.industries) {
    const text = sql`${leads.company} || ' ' || coalesce(${leads.title}, '') || ' ' || coalesce(${leads.needDescription}, '') || ' ' || coalesce(${leads.notes}, '')`;
    parts.push(or(...rules.industries.map((keyword) => contains(text, keyword))));
  }
  if (rules.companies) parts.push(or(...rules.companies.map((name) => contains(leads.company, name))));
  if (rules.statuses) parts.push(inArray(leads.status, rules.statuses));
  else if (!options.everyStatus) parts.push(notInArray(leads.status, ['won', 'lost']));
  return and(...parts);
}
