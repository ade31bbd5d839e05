/** Money is integer micro-units of USD everywhere: 1 USD = 1,000,000 micros. */
export const MICROS_PER_UNIT = 1_000_000;

/** Cost of tokens at a price per million tokens, rounded up so estimates never undercount. */
export function tokenCostMicros(tokens: number, microsPerMillion: number): number {
  return Math.ceil((tokens * microsPerMillion) / 1_000_000);
}

/** Converts USD micros to the owner's display currency at the configured rate (units per USD). */
export function convertMicros(usdMicros: number, unitsPerUsd: number): number {
  return Math.round(usdMicros * unitsPerUsd);
}

export function formatMoney(micros: number, currency: string): string {
  return `${(micros / MICROS_PER_UNIT).toFixed(4)} ${currency}`;
}
