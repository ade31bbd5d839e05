import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '../auth/api-keys';
import { authenticateApiKey } from '../auth/authenticate';
import { looksLikeJwt, verifyToken } from '../auth/jwt';
import type { Principal } from '../auth/principal';
import type { AppEnv } from './app-env';
import { AppError } from './errors';
import { enforceRateLimit } from './rate-limit';

/** An API key or a JWT from `POST /api/auth/token`, whichever the client holds. */
export async function authenticate(c: Context<AppEnv>, credential: string): Promise<Principal | null> {
  if (looksLikeJwt(credential)) return verifyToken(credential, c.var.config.jwtKeys ?? []);
  return authenticateApiKey(credential, {
    devOwnerKey: c.var.config.devOwnerKey,
    postgres: () => c.var.services.postgres()?.db,
  });
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
