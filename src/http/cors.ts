import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from './app-env';
import { AppError } from './errors';

/**
 * CORS from the configured allow-list. A refused origin gets no CORS headers, and its
 * preflight is answered 403 so the browser's error names the cause.
 */
export function corsFromConfig(): MiddlewareHandler<AppEnv> {
  return async function corsFromConfig(c, next) {
    const allowed = c.var.config.corsOrigins;
    const origin = c.req.header('Origin');
    const isAllowed = (value: string) => allowed.includes('*') || allowed.includes(value);
    if (origin && !isAllowed(origin) && c.req.method === 'OPTIONS') {
      throw new AppError('forbidden', `Origin ${origin} is not allowed`);
    }
    return cors({
      origin: (requestOrigin) => (isAllowed(requestOrigin) ? requestOrigin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'Idempotency-Key'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    })(c, next);
  };
}
