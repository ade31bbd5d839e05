import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Config } from '../../src/config/config';
import type { AppEnv } from './app-env';
import { AppError } from './errors';

const corsByConfig = new WeakMap<Config, MiddlewareHandler<AppEnv>>();

const isAllowed = (config: Config, origin: string) =>
  config.corsOrigins.includes('*') || config.corsOrigins.includes(origin);

function corsFor(config: Config): MiddlewareHandler<AppEnv> {
  let middleware = corsByConfig.get(config);
  if (!middleware) {
    middleware = cors({
      origin: (requestOrigin) => (isAllowed(config, requestOrigin) ? requestOrigin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'Idempotency-Key'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed', 'X-Empire-Route', 'X-Empire-Fake'],
      maxAge: 600,
    });
    corsByConfig.set(config, middleware);
  }
  return middleware;
}

/**
 * CORS from the configured allow-list. A refused origin gets no CORS headers, and its
 * preflight is answered 403 so the browser's error names the cause. A request without an
 * Origin (SDKs, the CLI, webhooks: most traffic) skips the CORS middleware, which sets headers
 * on a placeholder response before the handler runs and so has every response copied twice
 * more; it only needs `Vary: Origin`, so shared caches keep the two kinds apart.
 */
export function corsFromConfig(): MiddlewareHandler<AppEnv> {
  return async function corsFromConfig(c, next) {
    const origin = c.req.header('Origin');
    if (!origin) {
      await next();
      try {
        c.res.headers.append('Vary', 'Origin');
      } catch {
        // Immutable headers (a WebSocket upgrade's): c.header copies the response first.
        c.header('Vary', 'Origin', { append: true });
      }
      return;
    }
    if (!isAllowed(c.var.config, origin) && c.req.method === 'OPTIONS') {
      throw new AppError('forbidden', `Origin ${origin} is not allowed`);
    }
    return corsFor(c.var.config)(c, next);
  };
}
