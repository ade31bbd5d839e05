import { z } from 'zod';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** How long a first answer is replayed; Stripe and the IETF draft use the same day. */
export const KEY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * How long a claim may run before a repeat may take it over. Past every provider timeout with its
 * fallbacks and a long stream; a claim this old means its isolate died and will never finish.
 */
export const CLAIM_LOCK_MS = 15 * 60 * 1000;

/** What a repeat is told to wait while the first is still running: most calls end within seconds. */
export const IN_PROGRESS_RETRY_AFTER_SECONDS = 2;

// Printable ASCII only: keys are stored, logged and compared byte for byte, so nothing a proxy
// might rewrite (tabs, control characters, non-ASCII) can make two sends of one key differ.
export const idempotencyKey = z
  .string()
  .min(1, `${IDEMPOTENCY_HEADER} must not be empty`)
  .max(255, `${IDEMPOTENCY_HEADER} is at most 255 characters`)
  .regex(/^[\x20-\x7e]+$/, `${IDEMPOTENCY_HEADER} must be printable ASCII`)
  .describe(
    'A client-chosen key (a UUID is usual), 1-255 printable ASCII characters. A repeat with the same key ' +
      'within 24 hours is answered with the first answer (header Idempotent-Replayed: true) and is not ' +
      'billed again; while the first is still running it is answered 409 idempotency_in_progress with ' +
      'Retry-After; the same key with another body or path is 422 idempotency_key_reused. 2xx and 4xx ' +
      'answers are kept; 400s and 5xx release the key, so a retry runs again.',
  );

/** JSON with its object keys sorted, so the same request sent with other spacing or key order matches. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function canonicalBody(text: string): string {
  if (!text.trim()) return '';
  try {
    return canonical(JSON.parse(text));
  } catch {
    // Not JSON: the validator refuses it and the key is released; the raw text is all there is.
    return text;
  }
}

/** Hex sha-256 of the body as the route reads it: JSON compared by value, anything else by its bytes. */
export async function bodyHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalBody(text)));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
