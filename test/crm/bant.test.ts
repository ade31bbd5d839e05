import { describe, expect, it } from 'vitest';
import {
  authorityPoints,
  type BantInput,
  budgetBands,
  painPoints,
  rolePatterns,
  scoreLead,
  timelineBands,
} from '../../src/crm/bant';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const DAY = 86_400_000;
const blank: BantInput = {
  budgetMicros: null,
  budgetCurrency: 'EUR',
  authorityRole: null,
  authorityLevel: null,
  title: null,
  needDescription: null,
  painLevel: null,
  timelineDays: null,
  targetDate: null,
};
const part = (input: Partial<BantInput>, name: string) =>
  scoreLead({ ...blank, ...input }, NOW).parts.find((entry) => entry.part === name);

describe('happy', () => {
  it.each([
    [25_000, 'EUR', 25, 'budget >= 10,000 EUR'],
    [10_000, 'EUR', 25, 'budget >= 10,000 EUR'],
    [9_999.99, 'EUR', 20, 'budget >= 5,000 EUR'],
    [5_000, 'EUR', 20, 'budget >= 5,000 EUR'],
    [2_000, 'EUR', 12, 'budget >= 2,000 EUR'],
    [500, 'EUR', 5, 'budget >= 500 EUR'],
    [499, 'EUR', 0, 'budget < 500 EUR'],
    [0, 'EUR', 0, 'budget < 500 EUR'],
    [11_000, 'USD', 25, 'budget >= 10,000 EUR'],
    [10_000, 'USD', 20, 'budget >= 5,000 EUR'],
    [9_000, 'GBP', 25, 'budget >= 10,000 EUR'],
  ] as const)('budget %d %s gives %d (%s)', (amount, currency, points, rule) => {
    expect(part({ budgetMicros: amount * 1e6, budgetCurrency: currency }, 'budget')).toEqual({
      part: 'budget',
      points,
      rule,
    });
  });

  it.each([
    [{ authorityLevel: 'decision_maker' }, 25, 'level decision_maker'],
    [{ authorityLevel: 'influencer', authorityRole: 'CEO' }, 15, 'level influencer'],
    [{ authorityLevel: 'user' }, 8, 'level user'],
    [{ authorityLevel: 'gatekeeper' }, 3, 'level gatekeeper'],
    [{ authorityRole: 'Founder & CEO' }, 25, 'role is owner, founder, partner or C-level'],
    [{ authorityRole: 'Geschäftsführer' }, 25, 'role is owner, founder, partner or C-level'],
    [{ authorityRole: 'Head of Operations' }, 15, 'role is head, director or manager'],
    [{ authorityRole: 'Executive Assistant to the CEO' }, 3, 'role is assistant or procurement'],
    [{ authorityRole: 'Data Analyst' }, 8, 'role is individual contributor'],
    [{ title: 'CTO' }, 25, 'title is owner, founder, partner or C-level'],
    [{ authorityRole: 'Astronaut' }, 0, 'unknown'],
  ] as const)('authority %j gives %d (%s)', (input, points, rule) => {
    expect(part(input, 'authority')).toEqual({ part: 'authority', points, rule });
  });

  it.each([
    [{ painLevel: 5 }, 25, 'pain level 5'],
    [{ painLevel: 4, needDescription: 'x' }, 20, 'pain level 4'],
    [{ painLevel: 3 }, 14, 'pain level 3'],
    [{ painLevel: 2 }, 8, 'pain level 2'],
    [{ painLevel: 1 }, 3, 'pain level 1'],
    [{ needDescription: 'Reports by hand' }, 5, 'need described, pain level unknown'],
  ] as const)('need %j gives %d (%s)', (input, points, rule) => {
    expect(part(input, 'need')).toEqual({ part: 'need', points, rule });
  });

  it.each([
    [{ timelineDays: 0 }, 25, 'timeline <= 30 days'],
    [{ timelineDays: 30 }, 25, 'timeline <= 30 days'],
    [{ timelineDays: 31 }, 18, 'timeline <= 90 days'],
    [{ timelineDays: 180 }, 10, 'timeline <= 180 days'],
    [{ timelineDays: 365 }, 5, 'timeline <= 365 days'],
    [{ timelineDays: 366 }, 0, 'timeline > 365 days'],
    [{ targetDate: NOW + 60 * DAY }, 18, 'timeline <= 90 days'],
    [{ targetDate: NOW - 10 * DAY }, 25, 'timeline <= 30 days'],
    [{ targetDate: NOW + 400 * DAY, timelineDays: 5 }, 0, 'timeline > 365 days'],
  ] as const)('timeline %j gives %d (%s)', (input, points, rule) => {
    expect(part(input, 'timeline')).toEqual({ part: 'timeline', points, rule });
  });

  it('adds the four parts into a total of at most 100', () => {
    const best = scoreLead(
      { ...blank, budgetMicros: 50_000e6, authorityLevel: 'decision_maker', painLevel: 5, timelineDays: 7 },
      NOW,
    );
    expect(best.total).toBe(100);
    expect(best.parts.map((entry) => entry.part)).toEqual(['budget', 'authority', 'need', 'timeline']);
  });

  it('keeps every table inside 0–25 points', () => {
    const points = [
      ...budgetBands.map((band) => band.points),
      ...Object.values(authorityPoints),
      ...painPoints.map((entry) => entry.points),
      ...timelineBands.map((band) => band.points),
    ];
    expect(Math.max(...points)).toBe(25);
    expect(Math.min(...points)).toBe(0);
    expect(rolePatterns.length).toBeGreaterThan(0);
  });
});

describe('errors', () => {
  it('scores missing inputs 0 with the rule unknown', () => {
    expect(scoreLead(blank, NOW)).toEqual({
      total: 0,
      parts: ['budget', 'authority', 'need', 'timeline'].map((name) => ({ part: name, points: 0, rule: 'unknown' })),
    });
  });

  it('is deterministic for the same input and time', () => {
    const input = { ...blank, budgetMicros: 3_000e6, title: 'Owner', targetDate: NOW + 20 * DAY };
    expect(scoreLead(input, NOW)).toEqual(scoreLead({ ...input }, NOW));
  });
});

describe('security', () => {
  it('matches roles as words, not as parts of other words', () => {
    expect(part({ authorityRole: 'Ceologist' }, 'authority')?.rule).toBe('unknown');
    expect(part({ authorityRole: 'x'.repeat(10_000) }, 'authority')?.points).toBe(0);
  });
});
