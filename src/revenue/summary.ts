/** Paid sales (or refunds) of one source, product, currency and status: what the store sums up. */
export interface RevenueGroup {
  source: string;
  product: string;
  currency: string;
  status: string;
  amountMicros: number;
  count: number;
}

export interface Amount {
  currency: string;
  amountMicros: number;
  count: number;
}

export interface RevenueSummary {
  from: number;
  to: number;
  /** Paid sales, per currency (no conversion: each currency is its own total). */
  totals: Amount[];
  bySource: (Amount & { source: string })[];
  byProduct: (Amount & { source: string; product: string })[];
  refunds: Amount[];
}

function add<T extends Amount>(into: Map<string, T>, key: string, seed: () => T, group: RevenueGroup) {
  const entry = into.get(key) ?? seed();
  entry.amountMicros += group.amountMicros;
  entry.count += group.count;
  into.set(key, entry);
}

const byAmount = (a: Amount, b: Amount) => b.amountMicros - a.amountMicros || a.currency.localeCompare(b.currency);

/** Totals of the groups: paid sales by currency, source and product; refunds apart. */
export function summarise(
  groups: readonly RevenueGroup[],
  refundGroups: readonly RevenueGroup[],
  from: number,
  to: number,
): RevenueSummary {
  const totals = new Map<string, Amount>();
  const sources = new Map<string, Amount & { source: string }>();
  const products = new Map<string, Amount & { source: string; product: string }>();
  const refunds = new Map<string, Amount>();
  for (const group of groups) {
    const { currency, source, product } = group;
    if (group.status === 'refunded') continue;
    add(totals, currency, () => ({ currency, amountMicros: 0, count: 0 }), group);
    add(sources, `${source}\u0000${currency}`, () => ({ source, currency, amountMicros: 0, count: 0 }), group);
    add(
      products,
      `${source}\u0000${product}\u0000${currency}`,
      () => ({ source, product, currency, amountMicros: 0, count: 0 }),
      group,
    );
  }
  for (const group of refundGroups)
    add(refunds, group.currency, () => ({ currency: group.currency, amountMicros: 0, count: 0 }), group);
  return {
    from,
    to,
    totals: [...totals.values()].sort(byAmount),
    bySource: [...sources.values()].sort(byAmount),
    byProduct: [...products.values()].sort(byAmount),
    refunds: [...refunds.values()].sort(byAmount),
  };
}

export const presentSummary = (summary: RevenueSummary) => ({
  ...summary,
  from: new Date(summary.from).toISOString(),
  to: new Date(summary.to).toISOString(),
});

export const money = (amountMicros: number, currency: string) => `${currency} ${(amountMicros / 1_000_000).toFixed(2)}`;

function change(today: number, before: number): string {
  if (before === 0) return today === 0 ? 'no change' : 'new';
  const percent = Math.round(((today - before) / before) * 100);
  return `${percent >= 0 ? '+' : ''}${percent}%`;
}

/** The owner's daily report: today's totals by source and product, against the day before. */
export function reportText(day: RevenueSummary, before: RevenueSummary): string {
  const label = new Date(day.to).toISOString().slice(0, 16).replace('T', ' ');
  const lines = [`Revenue, 24 h to ${label} UTC`];
  const currencies = new Set([...day.totals, ...before.totals].map((total) => total.currency));
  if (currencies.size === 0) lines.push('No sales, and none the day before.');
  for (const currency of [...currencies].sort()) {
    const now = day.totals.find((total) => total.currency === currency);
    const then = before.totals.find((total) => total.currency === currency);
    lines.push(
      `Total ${money(now?.amountMicros ?? 0, currency)} from ${now?.count ?? 0} sales; day before ${money(then?.amountMicros ?? 0, currency)} (${change(now?.amountMicros ?? 0, then?.amountMicros ?? 0)})`,
    );
  }
  if (day.bySource.length > 0) lines.push('By source:');
  for (const entry of day.bySource) {
    const then = before.bySource.find((old) => old.source === entry.source && old.currency === entry.currency);
    lines.push(
      `- ${entry.source}: ${money(entry.amountMicros, entry.currency)} (${entry.count}; ${change(entry.amountMicros, then?.amountMicros ?? 0)})`,
    );
  }
  if (day.byProduct.length > 0) lines.push('By product:');
  for (const entry of day.byProduct.slice(0, 10))
    lines.push(`- ${entry.product} (${entry.source}): ${money(entry.amountMicros, entry.currency)} x${entry.count}`);
  for (const refund of day.refunds)
    lines.push(`Refunded: ${money(refund.amountMicros, refund.currency)} (${refund.count})`);
  return lines.join('\n');
}
