// BANT scoring: deterministic rules read from the tables below, tuned for a one-person
// consulting and automation business whose typical project is 2,000–15,000 EUR and starts
// within a quarter. Each of Budget, Authority, Need and Timeline gives 0–25 points.

import type { AuthorityLevel, BantPart, BantScore, BudgetCurrency, ScorePart } from '../db/crm-schema';

export interface BantInput {
  budgetMicros: number | null;
  budgetCurrency: BudgetCurrency;
  authorityRole: string | null;
  authorityLevel: AuthorityLevel | null;
  /** The job title; authority falls back to it when no role or level is given. */
  title: string | null;
  needDescription: string | null;
  painLevel: number | null;
  timelineDays: number | null;
  /** Epoch ms; wins over `timelineDays` because it does not go stale. */
  targetDate: number | null;
}

/** Coarse reference rates; the budget bands are 2x or more apart, so drift of a few percent rarely moves a lead. */
export const eurPerUnit: Record<BudgetCurrency, number> = { EUR: 1, USD: 0.92, GBP: 1.17, CHF: 1.05 };

/** Highest band first; the first band the budget (in EUR) reaches gives the points. */
export const budgetBands = [
  { minEur: 10_000, points: 25, rule: 'budget >= 10,000 EUR' },
  { minEur: 5_000, points: 20, rule: 'budget >= 5,000 EUR' },
  { minEur: 2_000, points: 12, rule: 'budget >= 2,000 EUR' },
  { minEur: 500, points: 5, rule: 'budget >= 500 EUR' },
  { minEur: 0, points: 0, rule: 'budget < 500 EUR' },
] as const;

export const authorityPoints: Record<AuthorityLevel, number> = {
  decision_maker: 25,
  influencer: 15,
  user: 8,
  gatekeeper: 3,
};

/** Checked in order: an assistant *to the CEO* is a gatekeeper, so gatekeepers come first. */
export const rolePatterns: readonly { pattern: RegExp; level: AuthorityLevel; label: string }[] = [
  {
    pattern: /\b(assistant|secretary|receptionist|office manager|procurement|purchasing)\b/i,
    level: 'gatekeeper',
    label: 'assistant or procurement',
  },
  {
    pattern:
      /\b(owner|founder|co-?founder|ceo|cto|cfo|coo|cmo|cio|chief|president|partner|proprietor|managing director|general manager|geschäftsführer|inhaber)\b/i,
    level: 'decision_maker',
    label: 'owner, founder, partner or C-level',
  },
  {
    pattern: /\b(vp|vice president|head|director|lead|manager)\b/i,
    level: 'influencer',
    label: 'head, director or manager',
  },
  {
    pattern: /\b(engineer|developer|analyst|specialist|consultant|coordinator|associate|administrator)\b/i,
    level: 'user',
    label: 'individual contributor',
  },
];

/** Pain level 1 (nice to have) to 5 (costly, urgent problem). */
export const painPoints = [
  { level: 5, points: 25, rule: 'pain level 5' },
  { level: 4, points: 20, rule: 'pain level 4' },
  { level: 3, points: 14, rule: 'pain level 3' },
  { level: 2, points: 8, rule: 'pain level 2' },
  { level: 1, points: 3, rule: 'pain level 1' },
] as const;
export const needWithoutPain = { points: 5, rule: 'need described, pain level unknown' } as const;

/** Days until the project starts; a target date in the past counts as now. */
export const timelineBands = [
  { maxDays: 30, points: 25, rule: 'timeline <= 30 days' },
  { maxDays: 90, points: 18, rule: 'timeline <= 90 days' },
  { maxDays: 180, points: 10, rule: 'timeline <= 180 days' },
  { maxDays: 365, points: 5, rule: 'timeline <= 365 days' },
  { maxDays: Number.POSITIVE_INFINITY, points: 0, rule: 'timeline > 365 days' },
] as const;

const DAY_MS = 86_400_000;
const unknown = (part: BantPart): ScorePart => ({ part, points: 0, rule: 'unknown' });

function scoreBudget(input: BantInput): ScorePart {
  if (input.budgetMicros === null) return unknown('budget');
  const eur = (input.budgetMicros / 1_000_000) * eurPerUnit[input.budgetCurrency];
  const band = budgetBands.find((entry) => eur >= entry.minEur);
  if (!band) return unknown('budget');
  return { part: 'budget', points: band.points, rule: band.rule };
}

function scoreAuthority(input: BantInput): ScorePart {
  if (input.authorityLevel) {
    const level = input.authorityLevel;
    return { part: 'authority', points: authorityPoints[level], rule: `level ${level}` };
  }
  const role = input.authorityRole ?? input.title;
  const match = role ? rolePatterns.find((entry) => entry.pattern.test(role)) : undefined;
  if (!match) return unknown('authority');
  const source = input.authorityRole ? 'role' : 'title';
  return { part: 'authority', points: authorityPoints[match.level], rule: `${source} is ${match.label}` };
}

function scoreNeed(input: BantInput): ScorePart {
  const pain = painPoints.find((entry) => entry.level === input.painLevel);
  if (pain) return { part: 'need', points: pain.points, rule: pain.rule };
  if (input.needDescription) return { part: 'need', ...needWithoutPain };
  return unknown('need');
}

function scoreTimeline(input: BantInput, now: number): ScorePart {
  const days =
    input.targetDate !== null ? Math.max(0, Math.ceil((input.targetDate - now) / DAY_MS)) : input.timelineDays;
  if (days === null) return unknown('timeline');
  const band = timelineBands.find((entry) => days <= entry.maxDays);
  if (!band) return unknown('timeline');
  return { part: 'timeline', points: band.points, rule: band.rule };
}

/** The BANT score of a lead at `now` (which only the target date depends on). */
export function scoreLead(input: BantInput, now: number): BantScore {
  const parts = [scoreBudget(input), scoreAuthority(input), scoreNeed(input), scoreTimeline(input, now)];
  return { total: parts.reduce((sum, part) => sum + part.points, 0), parts };
}
