/** Exponential backoff in whole seconds for queue retries: 2, 4, 8 ... capped at 5 minutes. */
export function retryDelaySeconds(attempts: number, capSeconds = 300): number {
  const exponent = Math.max(0, Math.min(attempts, 16));
  return Math.min(capSeconds, 2 ** exponent);
}
