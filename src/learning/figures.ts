import type { InsightFigures } from '../db/learning-schema';

/** A rate to four places, 0 when there is nothing to count over. */
export const rateOf = (hits: number, base: number) => (base === 0 ? 0 : Math.round((hits / base) * 10_000) / 10_000);

/** 0.0412 -> "4.1%". */
export const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** 1000 -> "1,000": the figures are read by people and by the model alike. */
export const count = (n: number) => n.toLocaleString('en-US');

export interface SampleRule {
  /** Below this many samples a group is left out: one post or lead says nothing. */
  skipBelow: number;
  /** Below this many the figure is kept but called small. */
  firmFrom: number;
}

export interface Tally {
  key: string;
  hits: number;
  base: number;
  samples: number;
}

/** The figures of each group the rule keeps, with the rest of the dimension beside it when the groups partition it. */
export function figuresOf(tallies: readonly Tally[], rule: SampleRule, partition: boolean) {
  const total = tallies.reduce((sum, tally) => ({ hits: sum.hits + tally.hits, base: sum.base + tally.base }), {
    hits: 0,
    base: 0,
  });
  return tallies
    .filter((tally) => tally.samples >= rule.skipBelow && tally.base > 0)
    .map((tally) => {
      const others = { hits: total.hits - tally.hits, base: total.base - tally.base };
      const figures: InsightFigures = {
        hits: tally.hits,
        base: tally.base,
        rate: rateOf(tally.hits, tally.base),
        samples: tally.samples,
        small: tally.samples < rule.firmFrom,
        ...(partition && others.base > 0 ? { others: { ...others, rate: rateOf(others.hits, others.base) } } : {}),
      };
      return { key: tally.key, figures };
    })
    .sort((a, b) => b.figures.rate - a.figures.rate || b.figures.base - a.figures.base || a.key.localeCompare(b.key));
}

/** " (only 3 posts: a small sample)" when it is one, so the model and the owner weigh it so; `unit` is plural. */
export const smallNote = (figures: InsightFigures, unit: string) =>
  figures.small
    ? ` (only ${figures.samples} ${figures.samples === 1 ? unit.replace(/s$/, '') : unit}: a small sample)`
    : '';
