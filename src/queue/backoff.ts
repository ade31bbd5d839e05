/**
 * Exponential backoff in whole seconds for queue retries: base, 2 x base, 4 x base ... capped at
 * 5 minutes. A base of 0 retries at once (used by the tests, which cannot wait a minute).
 */
export function retryDelaySeconds(attempts: number, baseSeconds = 2, capSeconds = 300): number {
  if (baseSeconds <= 0) return 0;
  const exponent = Math.max(0, Math.min(attempts - 1, 16));
  return Math.min(capSeconds, baseSeconds * 2 ** exponent);
}
