// The two e-mail providers sign their event webhooks differently: Resend through Svix (HMAC-SHA256
// with a shared secret), SendGrid with ECDSA P-256 (a key pair whose public half is in its
// settings). Both sign a timestamp with the raw body, so a receiver that refuses old timestamps
// refuses a replayed request.

import { UnavailableError } from '../lib/domain-errors';

const encoder = new TextEncoder();

/** How far a signed timestamp may be from our clock, either way. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

export type SignatureCheck = 'valid' | 'bad_signature' | 'stale';

function base64Bytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Unix seconds as sent, checked against `now`; false for anything that is not a plain number. */
function fresh(timestamp: string, now: number): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now - Number(timestamp) * 1000) <= SIGNATURE_TOLERANCE_MS;
}

export interface SvixHeaders {
  id: string;
  timestamp: string;
  /** Space-separated `v1,<base64>` entries: more than one while the secret is being rotated. */
  signature: string;
}

/** Resend's (Svix's) scheme: base64 HMAC-SHA256 of `<svix-id>.<svix-timestamp>.<body>`, keyed with the bytes after `whsec_`. */
export async function verifySvixSignature(
  secret: string,
  headers: SvixHeaders,
  rawBody: ArrayBuffer,
  now: number,
): Promise<SignatureCheck> {
  const keyBytes = base64Bytes(secret.replace(/^whsec_/, ''));
  if (!keyBytes) return 'bad_signature';
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const signed = concat(encoder.encode(`${headers.id}.${headers.timestamp}.`), new Uint8Array(rawBody));
  let matched = false;
  for (const entry of headers.signature.split(' ')) {
    const [version, value] = entry.split(',', 2);
    const signature = version === 'v1' && value ? base64Bytes(value) : undefined;
    // WebCrypto's verify compares in constant time.
    if (signature && (await crypto.subtle.verify('HMAC', key, signature, signed))) matched = true;
  }
  if (!matched) return 'bad_signature';
  return fresh(headers.timestamp, now) ? 'valid' : 'stale';
}

/** One DER INTEGER as an unsigned big-endian number of `size` bytes. */
function fixedWidth(integer: Uint8Array, size: number): Uint8Array | undefined {
  let start = 0;
  while (start < integer.length - 1 && integer[start] === 0) start += 1;
  const digits = integer.subarray(start);
  if (digits.length > size) return undefined;
  const out = new Uint8Array(size);
  out.set(digits, size - digits.length);
  return out;
}

/**
 * An ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }` (what SendGrid sends) as the 64-byte `r || s`
 * WebCrypto verifies.
 */
export function derToRawSignature(der: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
  if (der[0] !== 0x30 || der.length < 8) return undefined;
  let offset = 2;
  if (der[1] === 0x81) offset = 3;
  else if ((der[1] ?? 0x80) >= 0x80) return undefined;
  const parts: Uint8Array[] = [];
  for (let i = 0; i < 2; i += 1) {
    if (der[offset] !== 0x02) return undefined;
    const length = der[offset + 1] ?? 0;
    const value = der.subarray(offset + 2, offset + 2 + length);
    if (length === 0 || value.length !== length) return undefined;
    const fixed = fixedWidth(value, 32);
    if (!fixed) return undefined;
    parts.push(fixed);
    offset += 2 + length;
  }
  return offset === der.length ? concat(...parts) : undefined;
}

/**
 * SendGrid's Signed Event Webhook: a base64 DER ECDSA P-256 / SHA-256 signature over the
 * timestamp header followed by the raw body, checked with the base64 SubjectPublicKeyInfo key
 * from the SendGrid settings.
 */
export async function verifySendgridSignature(
  publicKey: string,
  signature: string,
  timestamp: string,
  rawBody: ArrayBuffer,
  now: number,
): Promise<SignatureCheck> {
  const der = base64Bytes(signature);
  const raw = der && derToRawSignature(der);
  const keyBytes = base64Bytes(publicKey);
  if (!raw || !keyBytes) return 'bad_signature';
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('spki', keyBytes, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch {
    throw new UnavailableError('SENDGRID_WEBHOOK_PUBLIC_KEY is not a P-256 public key; copy it again from SendGrid');
  }
  const signed = concat(encoder.encode(timestamp), new Uint8Array(rawBody));
  if (!(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, raw, signed))) return 'bad_signature';
  return fresh(timestamp, now) ? 'valid' : 'stale';
}
