import { constantTimeEqual } from './secrets';

const encoder = new TextEncoder();

const hex = (bytes: Uint8Array) => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');

/** `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>`: the scheme the README gives receivers. */
export async function webhookSignature(secret: string, timestamp: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return `sha256=${hex(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`))))}`;
}

/**
 * The headers of a signed delivery. The signature covers the timestamp (Unix seconds) with the
 * body, so a receiver that refuses old timestamps refuses a replayed delivery too.
 */
export async function signedHeaders(secret: string, body: string, now: number): Promise<Record<string, string>> {
  const timestamp = String(Math.floor(now / 1000));
  return { 'x-empire-timestamp': timestamp, 'x-empire-signature': await webhookSignature(secret, timestamp, body) };
}

/** How far a signed delivery's timestamp may be from this clock, either way. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export type SignatureProblem = 'missing' | 'malformed_timestamp' | 'stale' | 'mismatch';

/**
 * Checks a delivery signed as `signedHeaders` signs: the timestamp within the window, and the
 * signature made with one of `secrets` (during a rotation, the new one or the one it replaced).
 * Undefined when it holds, else what is wrong.
 */
export async function signatureProblem(
  secrets: readonly string[],
  timestamp: string | undefined,
  signature: string | undefined,
  body: string,
  now: number,
): Promise<SignatureProblem | undefined> {
  if (!timestamp || !signature) return 'missing';
  if (!/^\d{1,12}$/.test(timestamp)) return 'malformed_timestamp';
  if (Math.abs(now - Number(timestamp) * 1000) > SIGNATURE_WINDOW_MS) return 'stale';
  const expected = await Promise.all(secrets.map((secret) => webhookSignature(secret, timestamp, body)));
  return expected.some((candidate) => constantTimeEqual(signature, candidate)) ? undefined : 'mismatch';
}
