import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { ConfigError, loadConfig } from '../../src/config/config';
import { recordRequest } from '../../src/observability/http-metrics';
import { createLogger } from '../../src/observability/logger';
import type { Services } from '../../src/services';
import type { AppEnv } from './app-env';
import { auditStateChanges } from './audit';
import { corsFromConfig } from './cors';
import { handleError, handleNotFound } from './error-handler';
import { AppError } from './errors';
import { guardJson } from './json-guard';
import { routePattern } from './route-pattern';
import { validationHook } from './validation';

export type ServicesFactory = (c: Context<AppEnv>) => Services;

/** A sub-app for one resource, with the shared validation hook. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

function accessLog(): MiddlewareHandler<AppEnv> {
  return async function accessLog(c, next) {
    const log = createLogger({ requestId: c.var.requestId });
    c.set('log', log);
    const started = Date.now();
    await next();
    const ms = Date.now() - started;
    // The matched route pattern, not the path: ids in paths would make one series per request.
    recordRequest(routePattern(c) ?? 'unmatched', c.req.method, c.res.status, ms / 1000);
    log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms });
  };
}

function configFromEnv(): MiddlewareHandler<AppEnv> {
  return async function configFromEnv(c, next) {
    try {
      c.set('config', loadConfig(c.env));
    } catch (error) {
      if (error instanceof ConfigError) throw new AppError('config_invalid', error.message);
      throw error;
    }
    await next();
  };
}

function limitBody(): MiddlewareHandler<AppEnv> {
  const bySize = new Map<number, MiddlewareHandler<AppEnv>>();
  const limiterFor = (maxSize: number) => {
    let limiter = bySize.get(maxSize);
    if (!limiter) {
      limiter = bodyLimit({
        maxSize,
        onError: () => {
          throw new AppError('payload_too_large', `The request body is larger than ${maxSize} bytes`);
        },
      });
      bySize.set(maxSize, limiter);
    }
    return limiter;
  };
  return async function limitBody(c, next) {
    return limiterFor(c.var.config.maxBodyBytes)(c, next);
  };
}

function withServices(factory: ServicesFactory): MiddlewareHandler<AppEnv> {
  return async function withServices(c, next) {
    const services = factory(c);
    c.set('services', services);
    try {
      await next();
    } finally {
      c.executionCtx.waitUntil(services.dispose());
    }
  };
}

/** The one app factory: every route of the Worker, and every test, goes through this stack. */
export function createApp(options: { services: ServicesFactory }): OpenAPIHono<AppEnv> {
  const app = createRouter();
  app.use(requestId({ headerName: 'X-Request-Id', limitLength: 128 }));
  app.use(accessLog());
  app.use(secureHeaders());
  app.use(configFromEnv());
  app.use(corsFromConfig());
  app.use(limitBody());
  app.use(guardJson());
  app.use(withServices(options.services));
  app.use(auditStateChanges());
  app.onError(handleError);
  app.notFound(handleNotFound);
  return app;
}
