import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { type Role, roles } from './api-keys.ts';
import type { Principal } from './principal.ts';

export const ISSUER = 'ai-empire';
export const AUDIENCE = 'empire-api';
export const TOKEN_TTL_SECONDS = 24 * 60 * 60;

/**
 * JWT_SIGNING_KEYS: `[{"kid":"2026-11","secret":"<base64url, 32+ bytes>"}, ...]`: keys kept by
 * hand, which verify tokens beside the ones the TokenKeys object signs and rotates (tokens minted
 * before an upgrade, or by another deployment sharing them). A removed key's tokens stop verifying.
 */
export const signingKeysSchema = z
  .array(
    z.object({
      kid: z.string().regex(/^[\w.-]{1,64}$/),
      secret: z.string().regex(/^[A-Za-z0-9_-]{43,}$/, 'at least 32 bytes, base64url'),
    }),
  )
  .min(1)
  .max(4);
export type SigningKey = z.infer<typeof signingKeysSchema>[number];

const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(roles),
  kp: z.string(),
  key: z.uuid().optional(),
});

// Tokens minted before keys were named in them carry the key only in their subject.
const LEGACY_SUBJECT = /^key-([0-9a-f-]{36})$/;

function secretBytes(secret: string): Uint8Array {
  const base64 = secret.replaceAll('-', '+').replaceAll('_', '/');
  return Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (char) => char.charCodeAt(0));
}

export async function signToken(
  principal: Principal,
  keys: SigningKey[],
  now = Date.now(),
): Promise<{ token: string; expiresAt: number }> {
  const [key] = keys;
  if (!key) throw new Error('no signing key');
  const issuedAt = Math.floor(now / 1000);
  const expiresAt = issuedAt + TOKEN_TTL_SECONDS;
  const token = await new SignJWT({
    role: principal.role,
    kp: principal.keyPrefix,
    ...(principal.keyId ? { key: principal.keyId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
    .setSubject(principal.clientId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(crypto.randomUUID())
    .sign(secretBytes(key.secret));
  return { token, expiresAt: expiresAt * 1000 };
}

/** The `kid` a token names, read before verifying so the right keys can be fetched. */
export function tokenKid(token: string): string | undefined {
  if (token.length > MAX_TOKEN_CHARS) return undefined;
  try {
    return decodeProtectedHeader(token).kid;
  } catch {
    return undefined;
  }
}

export const looksLikeJwt = (value: string) => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value);

/** Ours are about 400 characters; anything far larger is not one of ours and is not parsed. */
export const MAX_TOKEN_CHARS = 2_048;
/** Clocks of isolates and clients disagree by a little; an issue time further ahead is forged. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * Verifies HS256 only, issuer, audience, kid and the time claims: issued no later than now (give
 * or take the skew), expiring at most TOKEN_TTL_SECONDS after issue, so even a token signed with
 * the real secret cannot outlive a day. Null for any token that fails.
 */
export async function verifyToken(token: string, keys: SigningKey[]): Promise<Principal | null> {
  if (token.length > MAX_TOKEN_CHARS) return null;
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const key = keys.find((candidate) => candidate.kid === header.kid);
        if (!key) throw new errors.JWKSNoMatchingKey();
        return secretBytes(key.secret);
      },
      {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['exp', 'nbf', 'iat', 'sub'],
      },
    );
    const issuedAt = payload.iat ?? Number.POSITIVE_INFINITY;
    if (issuedAt > Date.now() / 1000 + CLOCK_SKEW_SECONDS) return null;
    if ((payload.exp ?? Number.POSITIVE_INFINITY) - issuedAt > TOKEN_TTL_SECONDS) return null;
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return null;
    const { sub, role, kp, key } = claims.data;
    const keyId = key ?? LEGACY_SUBJECT.exec(sub)?.[1];
    return { clientId: sub, role: role as Role, keyPrefix: kp, ...(keyId ? { keyId } : {}) };
  } catch {
    return null;
  }
}
