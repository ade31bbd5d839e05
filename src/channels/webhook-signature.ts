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
