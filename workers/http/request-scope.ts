import type { Context, MiddlewareHandler } from 'hono';
import { type Config, ConfigError, loadConfig } from '../../src/config/config';
import { recordRequest } from '../../src/observability/http-metrics';
import { createLogger } from '../../src/observability/logger';
import type { Services } from '../../src/services';
import type { AppEnv } from './app-env';
import { handleError } from './error-handler';
import { AppError } from './errors';
import { routePattern } from './route-pattern';
import { setSecurityHeaders } from './security-headers';

export type ServicesFactory = (c: Context<AppEnv>) => Services;

const REQUEST_ID_HEADER = 'X-Request-Id';
const MAX_REQUEST_ID_LENGTH = 128;
const REQUEST_ID = /^[\w\-=]+$/;

/** The caller's X-Request-Id when it is a plain token, so a trace can cross services; else a new one. */
function requestIdOf(given: string | undefined): string {
  return given && given.length <= MAX_REQUEST_ID_LENGTH && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

function configOf(env: Env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new AppError('config_invalid', error.message);
    throw error;
  }
}

const logsRequest = (config: Config | undefined, status: number) =>
  config?.accessLog === 'all' || (config?.accessLog !== 'off' && status >= 400);

/**
 * What every request needs before its route and after it, in one layer: its id and logger, the
 * configuration, the services (disposed once the response is out), the security headers, the
 * request metrics and the access log. Workers Logs records every invocation by itself, so the
 * app writes its own line only for failures unless ACCESS_LOG says otherwise.
 */
export function requestScope(factory: ServicesFactory): MiddlewareHandler<AppEnv> {
  return async function requestScope(c, next) {
    const started = Date.now();
    const requestId = requestIdOf(c.req.header(REQUEST_ID_HEADER));
    c.set('requestId', requestId);
    c.set('log', createLogger({ requestId }));
    let config: Config | undefined;
    let services: Services | undefined;
    try {
      config = configOf(c.env);
      c.set('config', config);
      services = factory(c);
      c.set('services', services);
      await next();
    } catch (error) {
      // Routes' own errors reach the error handler before this; only the scope's do.
      c.res = await handleError(error as Error, c);
    } finally {
      if (services) c.executionCtx.waitUntil(services.dispose());
    }
    const { status } = c.res;
    if (setSecurityHeaders(c.res.headers)) c.res.headers.set(REQUEST_ID_HEADER, requestId);
    const ms = Date.now() - started;
    // The matched route pattern, not the path: ids in paths would make one series per request.
    recordRequest(routePattern(c) ?? 'unmatched', c.req.method, status, ms / 1000);
    if (logsRequest(config, status)) c.var.log.info('request', { method: c.req.method, path: c.req.path, status, ms });
  };
}
