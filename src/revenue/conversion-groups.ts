/** A counted conversion (its sale paid, not refunded) with the attribution taken when it was matched. */
export interface CountedConversion {
  leadId: string;
  segmentIds: string[];
  leadSource: string | null;
  sequenceIds: string[];
  amountMicros: number;
  currency: string;
}

export interface Money {
  currency: string;
  amountMicros: number;
}

export interface ConversionGroup {
  /** Leads in the group: the denominator. */
  leads: number;
  /** Distinct leads of the group with a counted sale. */
  convertedLeads: number;
  /** convertedLeads / leads, to four places; 0 for an empty group. */
  rate: number;
  /** What the group's sales brought, per currency (no conversion between currencies). */
  revenue: Money[];
}

export type Dimension = 'segment' | 'source' | 'sequence';

/** The group of leads that carry no source. */
export const UNKNOWN_SOURCE = 'unknown';

function keysOf(row: CountedConversion, dimension: Dimension): string[] {
  if (dimension === 'segment') return row.segmentIds;
  if (dimension === 'sequence') return row.sequenceIds;
  return [row.leadSource ?? UNKNOWN_SOURCE];
}

class Tally {
  readonly leads = new Set<string>();
  readonly revenue = new Map<string, number>();

  add(row: CountedConversion) {
    this.leads.add(row.leadId);
    this.revenue.set(row.currency, (this.revenue.get(row.currency) ?? 0) + row.amountMicros);
  }

  money(): Money[] {
    return [...this.revenue]
      .map(([currency, amountMicros]) => ({ currency, amountMicros }))
      .sort((a, b) => b.amountMicros - a.amountMicros || a.currency.localeCompare(b.currency));
  }
}

export const rate = (converted: number, size: number) =>
  size === 0 ? 0 : Math.round((converted / size) * 10_000) / 10_000;

export const byRate = (a: ConversionGroup, b: ConversionGroup) =>
  b.rate - a.rate || b.convertedLeads - a.convertedLeads || b.leads - a.leads;

/** The counted conversions tallied overall and per segment, lead source and sequence. */
export function groupConversions(rows: readonly CountedConversion[]) {
  const total = new Tally();
  const tallies: Record<Dimension, Map<string, Tally>> = { segment: new Map(), source: new Map(), sequence: new Map() };
  for (const row of rows) {
    total.add(row);
    for (const dimension of ['segment', 'source', 'sequence'] as const)
      for (const key of new Set(keysOf(row, dimension))) {
        const tally = tallies[dimension].get(key) ?? new Tally();
        tally.add(row);
        tallies[dimension].set(key, tally);
      }
  }
  return {
    total: { convertedLeads: total.leads.size, revenue: total.money() },
    /** The converted leads credited to each key of a dimension. */
    credited: (dimension: Dimension) =>
      new Map([...tallies[dimension]].map(([key, tally]) => [key, tally.leads] as const)),
    group(dimension: Dimension, key: string, size: number): ConversionGroup {
      const tally = tallies[dimension].get(key);
      const converted = tally?.leads.size ?? 0;
      return { leads: size, convertedLeads: converted, rate: rate(converted, size), revenue: tally?.money() ?? [] };
    },
  };
}
