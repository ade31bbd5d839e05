import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';
import { openaiErrorBody } from '../http/error-dialects';
import { toAppError } from '../http/error-handler';

/** Any failure on an OpenAI-compatible route, with the fields OpenAI clients read (status and headers kept). */
export function openaiErrorFields(): MiddlewareHandler<AppEnv> {
  return async function openaiErrorFields(c, next) {
    await next();
    if (!c.error) return;
    const failure = toAppError(c.error);
    c.res = new Response(JSON.stringify(openaiErrorBody(failure, c.var.requestId)), {
      status: failure.status,
      headers: { 'content-type': 'application/json' },
    });
  };
}
