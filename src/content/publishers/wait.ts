/**
 * How long a 429 asks us to wait: Retry-After in seconds (or an HTTP date), else the fallback.
 * Never less than a second, never more than a day: a wrong header must not stop a channel for good.
 */
export function retryAfterMs(headers: Headers, fallbackMs: number, bodySeconds?: number): number {
  const header = headers.get('retry-after');
  let ms = fallbackMs;
  if (typeof bodySeconds === 'number' && Number.isFinite(bodySeconds)) ms = bodySeconds * 1000;
  else if (header && /^\d+(\.\d+)?$/.test(header.trim())) ms = Number(header) * 1000;
  else if (header && !Number.isNaN(Date.parse(header))) ms = Date.parse(header) - Date.now();
  return Math.min(Math.max(Math.ceil(ms), 1_000), 86_400_000);
}
