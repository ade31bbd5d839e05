import type { InsightFigures } from '../db/learning-schema';
import type { ConversionReport } from '../revenue/conversion-report';
import { count, figuresOf, percent, type SampleRule, smallNote, type Tally } from './figures';
import type { Insight } from './insight';

/** Conversions are rare: five leads make a figure worth showing, twenty one worth trusting. */
export const SALES_SAMPLES: SampleRule = { skipBelow: 5, firmFrom: 20 };

type Dimension = 'segment' | 'source' | 'sequence';

const tallyOf = (key: string, group: { leads: number; convertedLeads: number }): Tally => ({
  key,
  hits: group.convertedLeads,
  base: group.leads,
  samples: group.leads,
});

function sentence(dimension: Dimension, label: string, figures: InsightFigures, days: number): string {
  const head = `Leads ${dimension === 'sequence' ? 'enrolled in' : dimension === 'source' ? 'from' : 'in segment'} ${label}`;
  const against = figures.others
    ? ` against ${percent(figures.others.rate)} (${count(figures.others.hits)} of ${count(figures.others.base)}) for other ${dimension}s`
    : '';
  return `${head} converted at ${percent(figures.rate)} (${count(figures.hits)} of ${count(figures.base)} leads) over the last ${days} days${against}${smallNote(figures, 'leads')}.`;
}

/**
 * One pattern per segment, lead source and sequence with enough leads. Sources partition the
 * leads, so each is set against the others; a lead sits in several segments and sequences, so
 * theirs stand alone.
 */
export function salesPatterns(report: ConversionReport, days: number): Insight[] {
  const dimensions: {
    dimension: Dimension;
    partition: boolean;
    groups: { key: string; label: string; tally: Tally }[];
  }[] = [
    {
      dimension: 'segment',
      partition: false,
      groups: report.bySegment.map((row) => ({
        key: row.segmentId,
        label: `"${row.name}"`,
        tally: tallyOf(row.segmentId, row),
      })),
    },
    {
      dimension: 'source',
      partition: true,
      groups: report.bySource.map((row) => ({ key: row.source, label: row.source, tally: tallyOf(row.source, row) })),
    },
    {
      dimension: 'sequence',
      partition: false,
      groups: report.bySequence.map((row) => ({
        key: row.sequenceId,
        label: `"${row.name ?? row.sequenceId}"`,
        tally: tallyOf(row.sequenceId, row),
      })),
    },
  ];
  return dimensions.flatMap(({ dimension, partition, groups }) => {
    const labels = new Map(groups.map((group) => [group.key, group.label]));
    return figuresOf(
      groups.map((group) => group.tally),
      SALES_SAMPLES,
      partition,
    ).map(({ key, figures }) => ({
      area: 'sales' as const,
      dimension,
      key,
      figures,
      text: sentence(dimension, labels.get(key) ?? key, figures, days),
    }));
  });
}
