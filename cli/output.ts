export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** A plain aligned table; the last column is not padded so long text wraps naturally. */
export function printTable(headers: string[], rows: unknown[][]): void {
  const text = rows.map((row) => row.map(cell));
  const widths = headers.map((header, i) => Math.max(header.length, ...text.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((value, i) => (i === cells.length - 1 ? value : value.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  print(line(headers));
  for (const row of text) print(line(row));
}

export function formatMoney(value: { amount: number; currency: string } | null | undefined): string {
  if (!value) return 'no cap';
  return `${value.amount.toFixed(value.amount !== 0 && value.amount < 0.01 ? 6 : 2)} ${value.currency}`;
}
