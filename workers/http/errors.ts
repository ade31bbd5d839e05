import type { ContentfulStatusCode } from 'hono/utils/http-status';

// Each code maps to exactly one status, so clients can branch on the code alone.
export const errorStatus = {
  invalid_request: 400,
  malformed_json: 400,
  unauthorized: 401,
  over_budget: 402,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  no_route: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
  config_invalid: 500,
  upstream_error: 502,
  unavailable: 503,
  memory_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly status: ContentfulStatusCode;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string; details?: unknown };
}

export function errorBody(error: AppError, requestId: string): ErrorBody {
  const body: ErrorBody = { error: { code: error.code, message: error.message, requestId } };
  if (error.details !== undefined) body.error.details = error.details;
  return body;
}
