import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  ConflictError,
  DomainError,
  InvalidInputError,
  NotFoundError,
  TooLargeError,
  UnavailableError,
  UpstreamFailedError,
} from '../../src/lib/domain-errors';
import {
  ModelNotAllowedError,
  NoRouteError,
  OverBudgetError,
  UnsupportedParameterError,
  UpstreamError,
} from '../../src/llm/errors';
import { MemoryUnavailableError } from '../../src/memory/vector-store';
import { errorFields } from '../../src/observability/logger';
import type { AppEnv } from './app-env';
import { errorBodyFor } from './error-dialects';
import { AppError, type ErrorCode } from './errors';

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

function fromRouterError(error: OverBudgetError | NoRouteError | UpstreamError): AppError {
  if (error instanceof OverBudgetError) {
    const { refusal, deferralId } = error;
    const retryAfter = Math.max(1, Math.ceil((refusal.retryAt - Date.now()) / 1000));
    return new AppError(
      'over_budget',
      deferralId
        ? `${error.message}: the call was not sent and will run when the budget allows (deferral ${deferralId})`
        : `${error.message}: the call was not sent`,
      {
        ...(deferralId ? { deferralId } : {}),
        scope: `${refusal.scope.kind}:${refusal.scope.id}`,
        window: refusal.window,
        capMicros: refusal.capMicros,
        spentMicros: refusal.spentMicros,
        reservedMicros: refusal.reservedMicros,
        requestedMicros: refusal.requestedMicros,
        retryAt: new Date(refusal.retryAt).toISOString(),
      },
      { 'Retry-After': String(retryAfter) },
    );
  }
  if (error instanceof NoRouteError) return new AppError('no_route', error.message, { skipped: error.skipped });
  return error.invalidRequest
    ? new AppError('invalid_request', error.message, { attempts: error.attempts })
    : new AppError('upstream_error', error.message, { attempts: error.attempts });
}

/** The one map from a domain refusal to its HTTP code; anything unlisted is an internal error. */
function fromDomainError(error: DomainError): AppError {
  const code = domainCode(error);
  return code === 'internal' ? new AppError(code, 'Internal error') : new AppError(code, error.message, error.details);
}

function domainCode(error: DomainError): ErrorCode {
  if (error instanceof NotFoundError) return 'not_found';
  if (error instanceof ConflictError) return 'conflict';
  if (error instanceof InvalidInputError) return 'invalid_request';
  if (error instanceof TooLargeError) return 'payload_too_large';
  if (error instanceof UnavailableError) return 'unavailable';
  if (error instanceof UpstreamFailedError) return 'upstream_error';
  return 'internal';
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof OverBudgetError || error instanceof NoRouteError || error instanceof UpstreamError) {
    return fromRouterError(error);
  }
  if (error instanceof UnsupportedParameterError) {
    return new AppError('invalid_request', error.message, { param: error.parameter, model: error.model });
  }
  if (error instanceof ModelNotAllowedError) return new AppError('forbidden', error.message, { param: 'model' });
  if (error instanceof DomainError) return fromDomainError(error);
  if (error instanceof HTTPException) return fromHttpException(error);
  if (error instanceof MemoryUnavailableError) return new AppError('memory_unavailable', error.message);
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
  return c.json(errorBodyFor(c.req.path, appError, requestIdOf(c)), appError.status);
};

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(
    errorBodyFor(c.req.path, new AppError('not_found', `No route for ${c.req.method} ${c.req.path}`), requestIdOf(c)),
    404,
  );
