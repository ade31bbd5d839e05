import { SignJWT } from 'jose';
import { workerFetch } from './fetch';
import { ownerKey } from './keys';

export async function tokenFor(apiKey = ownerKey): Promise<string> {
  const response = await workerFetch('/api/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiKey }),
  });
  if (response.status !== 200) throw new Error(`token exchange failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export const keyBytes = (secret: string) =>
  Uint8Array.from(
    atob(
      secret
        .replaceAll('-', '+')
        .replaceAll('_', '/')
        .padEnd(Math.ceil(secret.length / 4) * 4, '='),
    ),
    (c) => c.charCodeAt(0),
  );

export const CURRENT = { kid: 'current', secret: 'Y3VycmVudC1zaWduaW5nLWtleS1mb3ItdGVzdHMtMDAwMDAwMDAw' };
export const PREVIOUS = { kid: 'previous', secret: 'cHJldmlvdXMtc2lnbmluZy1rZXktZm9yLXRlc3RzLTAwMDAwMDA' };
export const RETIRED = { kid: 'retired', secret: 'cmV0aXJlZC1zaWduaW5nLWtleS1mb3ItdGVzdHMtMDAwMDAwMDAwMA' };

/** A token built by hand, for the attack cases. */
export async function forge(
  options: {
    key?: { kid: string; secret: string };
    claims?: Record<string, unknown>;
    iss?: string;
    aud?: string;
    exp?: number;
    nbf?: number;
    iat?: number;
  } = {},
): Promise<string> {
  const key = options.key ?? CURRENT;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'owner', kp: 'emp_forged', ...options.claims })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid })
    .setSubject('dev-owner')
    .setIssuer(options.iss ?? 'ai-empire')
    .setAudience(options.aud ?? 'empire-api')
    .setIssuedAt(options.iat ?? now)
    .setNotBefore(options.nbf ?? Math.min(now, options.iat ?? now))
    .setExpirationTime(options.exp ?? now + 3600)
    .sign(keyBytes(key.secret));
}
