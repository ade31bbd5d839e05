import type { Context, MiddlewareHandler } from 'hono';
import { tokenKeys } from '../../durable-objects/clients';
import type { Role } from '../../src/auth/api-keys';
import { authenticateApiKey, currentKeyGrant } from '../../src/auth/authenticate';
import { looksLikeJwt, tokenKid, verifyToken } from '../../src/auth/jwt';
import type { Principal } from '../../src/auth/principal';
import { businessReaders } from '../../src/auth/scoping';
import { verificationKeys } from '../../src/auth/token-key-cache';
import type { Decision } from '../../src/ratelimit/limiter-state';
import type { AppEnv } from './app-env';
import { AppError } from './errors';
import { chargeRateLimit, enforceRateLimit } from './rate-limit';

/** Cloudflare sets CF-Connecting-IP on every request it forwards; only local runs lack it. */
export const clientAddress = (c: Context<AppEnv>) => c.req.header('CF-Connecting-IP') ?? 'unknown';

/**
 * Failed credentials per client address (AUTH_FAILURES_PER_ADDRESS per window). A key that needs
 * a Postgres lookup is charged before it, so made-up keys cannot reach Postgres faster than the
 * limit; the charge is given back when the key turns out valid. Anything else that fails
 * (malformed, a key cached as unknown, a bad JWT) is charged after the check, which costs nothing.
 */
function failureGate(c: Context<AppEnv>) {
  let charged: Decision | undefined;
  const spec = {
    limit: c.get('config').rateLimit.failuresPerAddress,
    windowMs: c.get('config').rateLimit.windowSeconds * 1000,
  };
  return {
    async charge(): Promise<void> {
      charged ??= await chargeRateLimit(c, `auth-failure:${clientAddress(c)}`, spec);
    },
    release(): void {
      charged?.release();
    },
  };
}

/** An API key, behind the per-address limit on failed credentials. */
export async function authenticateKey(c: Context<AppEnv>, key: string): Promise<Principal | null> {
  const gate = failureGate(c);
  const principal = await authenticateApiKey(key, {
    devOwnerKey: c.get('config').devOwnerKey,
    postgres: () => c.get('services').postgres()?.db,
    beforeLookup: gate.charge,
  });
  if (principal) gate.release();
  else await gate.charge();
  return principal;
}

/** An API key or a JWT from `POST /api/auth/token`, whichever the client holds. */
export async function authenticate(c: Context<AppEnv>, credential: string): Promise<Principal | null> {
  if (!looksLikeJwt(credential)) return authenticateKey(c, credential);
  const keys = await verificationKeys(tokenKeys(c.env), tokenKid(credential), c.get('config').jwtKeys ?? []);
  const token = await verifyToken(credential, keys);
  // A token speaks for its key only while the key is usable: revoked or expired, it stops too.
  const grant = token?.keyId ? await currentKeyGrant(token.keyId, () => c.get('services').postgres()?.db) : undefined;
  const principal = grant === undefined ? token : grant;
  if (!principal) await failureGate(c).charge();
  return principal;
}

const invalid = () =>
  new AppError('unauthorized', 'The token is not valid', undefined, {
    'WWW-Authenticate': 'Bearer error="invalid_token"',
  });

/** Requires a valid credential with one of `allowed` roles, then the client's rate limit; sets `principal`. */
export function requireRole(...allowed: Role[]): MiddlewareHandler<AppEnv> {
  return async function requireRole(c, next) {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer ([^\s]+)$/.exec(header);
    if (!match?.[1])
      throw new AppError('unauthorized', 'A bearer token is required', undefined, { 'WWW-Authenticate': 'Bearer' });
    const principal = await authenticate(c, match[1]);
    if (!principal) throw invalid();
    // Set before the checks below, so a refused call is still audited under its caller.
    c.set('principal', principal);
    await enforceRateLimit(c, `client:${principal.clientId}`);
    if (!allowed.includes(principal.role))
      throw new AppError('forbidden', `This needs the ${allowed.join(' or ')} role`);
    await next();
  };
}

/** Business-wide records (agents, workflows, leads and their personal data): owner and operators. */
export const businessReader = requireRole(...businessReaders);
