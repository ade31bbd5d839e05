import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './app-env';
import { auditStateChanges } from './audit';
import { corsFromConfig } from './cors';
import { handleError, handleNotFound } from './error-handler';
import { AppError } from './errors';
import { guardJson } from './json-guard';
import { requestScope, type ServicesFactory } from './request-scope';
import { validationHook } from './validation';

/** A sub-app for one resource, with the shared validation hook. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
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

/** The one app factory: every route of the Worker, and every test, goes through this stack. */
export function createApp(options: { services: ServicesFactory }): OpenAPIHono<AppEnv> {
  const app = createRouter();
  app.use(requestScope(options.services));
  app.use(corsFromConfig());
  app.use(limitBody());
  app.use(guardJson());
  app.use(auditStateChanges());
  app.onError(handleError);
  app.notFound(handleNotFound);
  return app;
}
