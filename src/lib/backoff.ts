/**
 * Exponential backoff: base, 2 x base, 4 x base ... for attempts 1, 2, 3 ..., capped. A base of 0
 * retries at once (used by the tests, which cannot wait a minute).
 */
export function exponentialBackoff(attempt: number, base: number, cap: number): number {
  if (base <= 0) return 0;
  const exponent = Math.max(0, Math.min(attempt - 1, 16));
  return Math.min(cap, base * 2 ** exponent);
}
