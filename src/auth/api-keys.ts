export const roles = ['owner', 'operator', 'readonly'] as const;
export type Role = (typeof roles)[number];

const KEY_PREFIX = 'emp_';

/** A new API key: `emp_` and 32 random bytes. Only its hash is ever stored. */
export function generateApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const base64 = btoa(String.fromCharCode(...bytes));
  return KEY_PREFIX + base64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export const looksLikeApiKey = (value: string) => /^emp_[A-Za-z0-9_-]{20,100}$/.test(value);

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const utf8 = new TextEncoder();

/** Runs on every authenticated request, so the hex is built from a table. */
export async function hashApiKey(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(key)));
  // One flat string, not a chain of 32 concatenations.
  return Array.from(digest, (byte) => HEX[byte]).join('');
}

/** The part of a key safe to show in lists and logs. */
export const keyPrefix = (key: string) => key.slice(0, 12);

/** Compares two equal-length hex digests without an early exit, so timing leaks nothing. */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}
