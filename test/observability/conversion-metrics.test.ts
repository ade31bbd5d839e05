import { describe, expect, it } from 'vitest';
import { OTHER, SOURCE_SERIES, sourceRates } from '../../src/observability/conversion-metrics';

const group = (source: string, leads: number, convertedLeads: number) => ({
  source,
  leads,
  convertedLeads,
  rate: convertedLeads / leads,
  revenue: [],
});

describe('happy', () => {
  it('keeps the largest lead sources and sums the rest into one series', () => {
    const sources = Array.from({ length: SOURCE_SERIES + 2 }, (_, i) => group(`s${i}`, 100 - i, 1));
    const series = sourceRates(sources);
    expect(series.map((entry) => entry.source)).toEqual([
      ...sources.slice(0, SOURCE_SERIES).map((s) => s.source),
      OTHER,
    ]);
    expect(series.at(-1)).toMatchObject({ leads: 90 + 89, convertedLeads: 2, rate: 0.0112 });
  });

  it('gives one series per source when there are few', () => {
    expect(sourceRates([group('x', 4, 1), group('referral', 2, 1)]).map((entry) => entry.rate)).toEqual([0.25, 0.5]);
  });
});

describe('errors', () => {
  it('folds a source named like the rest into it, so no label repeats', () => {
    const series = sourceRates([group(OTHER, 50, 5), group('x', 10, 1)]);
    expect(series.map((entry) => entry.source)).toEqual(['x', OTHER]);
    expect(series[1]).toMatchObject({ leads: 50, convertedLeads: 5, rate: 0.1 });
  });
});
