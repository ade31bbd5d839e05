// Number and table formatting shared by the benchmark sections.

export function markdownTable(header: string[], rows: string[][], rightAligned: boolean[] = []): string {
  const align = header.map((_, i) => (rightAligned[i] ? '---:' : '---'));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

/** Requests per second: whole numbers with thousands separators. */
export function rate(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Milliseconds to three significant digits (0.131, 1.58, 197). */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 100 ? Math.round(value).toString() : value.toPrecision(3);
}

/** A ratio such as 2.8× (two significant digits below 10). */
export function ratio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value >= 10 ? Math.round(value).toString() : value.toPrecision(2)}×`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/** Cores in use, two decimals; differences of separately sampled counters can dip just below zero. */
export function cores(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return Math.max(0, value).toFixed(2);
}

/** Whole micros with thousands separators. */
export function micros(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}
