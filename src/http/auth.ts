import type { MiddlewareHandler } from 'hono';
import type { Role } from '../auth/api-keys';
import { authenticateApiKey } from '../auth/authenticate';
import type { AppEnv } from './app-env';
import { AppError } from './errors';

/** Requires a valid key with one of `allowed` roles; sets `principal` for the handler. */
export function requireRole(...allowed: Role[]): MiddlewareHandler<AppEnv> {
  return async function requireRole(c, next) {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer ([^\s]+)$/.exec(header);
    if (!match?.[1])
      throw new AppError('unauthorized', 'A bearer token is required', undefined, { 'WWW-Authenticate': 'Bearer' });
    const principal = await authenticateApiKey(match[1], {
      devOwnerKey: c.var.config.devOwnerKey,
      postgres: c.var.services.postgres()?.db,
    });
    if (!principal)
      throw new AppError('unauthorized', 'The token is not valid', undefined, {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    if (!allowed.includes(principal.role)) {
      throw new AppError('forbidden', `This needs the ${allowed.join(' or ')} role`);
    }
    c.set('principal', principal);
    await next();
  };
}
