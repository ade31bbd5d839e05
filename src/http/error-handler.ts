import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { errorFields } from '../observability/logger';
import type { AppEnv } from './app-env';
import { AppError, type ErrorCode, errorBody } from './errors';

const codeForStatus: Record<number, ErrorCode> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Middleware from Hono throws HTTPException; turn it into the one error shape. */
function fromHttpException(error: HTTPException): AppError {
  if (error.status === 400 && /malformed json/i.test(error.message)) {
    return new AppError('malformed_json', 'The request body is not valid JSON');
  }
  const code = codeForStatus[error.status] ?? 'internal';
  return new AppError(code, code === 'internal' ? 'Internal error' : error.message || code);
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) return fromHttpException(error);
  return new AppError('internal', 'Internal error');
}

function requestIdOf(c: Context<AppEnv>): string {
  return c.get('requestId') ?? 'unknown';
}

export const handleError: ErrorHandler<AppEnv> = (error, c) => {
  const appError = toAppError(error);
  const log = c.get('log');
  if (appError.status >= 500) log?.error('request failed', { code: appError.code, ...errorFields(error) });
  for (const [name, value] of Object.entries(appError.headers ?? {})) c.header(name, value);
  return c.json(errorBody(appError, requestIdOf(c)), appError.status);
};

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(errorBody(new AppError('not_found', `No route for ${c.req.method} ${c.req.path}`), requestIdOf(c)), 404);
