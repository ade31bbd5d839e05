import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';
import { authenticate } from '../http/auth';
import { anthropicErrorBody } from '../http/error-dialects';
import { toAppError } from '../http/error-handler';
import { AppError } from '../http/errors';
import { enforceRateLimit } from '../http/rate-limit';

/**
 * The caller's credential as Anthropic clients send it (`x-api-key`), or as a Bearer token: the
 * same API keys and JWTs the rest of the gateway takes, then the client's rate limit and role.
 */
export function requireAnthropicCaller(...allowed: ('owner' | 'operator')[]): MiddlewareHandler<AppEnv> {
  return async function requireAnthropicCaller(c, next) {
    const bearer = /^Bearer ([^\s]+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
    const credential = c.req.header('x-api-key') ?? bearer;
    if (!credential) throw new AppError('unauthorized', 'An x-api-key header or a bearer token is required');
    const principal = await authenticate(c, credential);
    if (!principal) throw new AppError('unauthorized', 'The API key is not valid');
    c.set('principal', principal);
    await enforceRateLimit(c, `client:${principal.clientId}`);
    if (!(allowed as string[]).includes(principal.role)) {
      throw new AppError('forbidden', `This needs the ${allowed.join(' or ')} role`);
    }
    await next();
  };
}

/** Any failure on this route, rendered in Anthropic's error shape (its status and headers kept). */
export function anthropicErrors(): MiddlewareHandler<AppEnv> {
  return async function anthropicErrors(c, next) {
    await next();
    if (!c.error) return;
    const failure = toAppError(c.error);
    c.res = new Response(JSON.stringify(anthropicErrorBody(failure, c.var.requestId)), {
      status: failure.status,
      headers: { 'content-type': 'application/json' },
    });
  };
}
