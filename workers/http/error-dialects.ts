import { anthropicError } from '../../src/llm/anthropic-messages-format';
import { type AppError, errorBody } from './errors';

// Clients of the OpenAI and Anthropic wire formats read their own error fields. Every error on
// those routes takes them, those raised before the route runs (body limit, malformed JSON) too.

/** OpenAI's error `type` for each status, as its SDKs and agent frameworks branch on it. */
const openaiTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'insufficient_quota',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'conflict_error',
  413: 'invalid_request_error',
  415: 'invalid_request_error',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The request parameter an error is about: a refused one, or the first that failed validation. */
function paramOf(error: AppError): string | null {
  const details = error.details;
  if (isRecord(details) && typeof details.param === 'string') return details.param;
  const first = Array.isArray(details) ? details[0] : undefined;
  if (isRecord(first) && typeof first.path === 'string' && first.path !== '(root)') return first.path;
  // An unknown key fails at the root; the gateway's message names it first.
  const unknown = /Unsupported parameter\(s\): ([\w.[\]-]+)/.exec(error.message);
  return unknown?.[1] ?? null;
}

/** The house error body with OpenAI's `type` and `param` added inside `error`. */
export function openaiErrorBody(error: AppError, requestId: string) {
  const body = errorBody(error, requestId);
  return { error: { ...body.error, type: openaiTypes[error.status] ?? 'server_error', param: paramOf(error) } };
}

/** Anthropic's error shape, with the request id beside it. */
export const anthropicErrorBody = (error: AppError, requestId: string) => ({
  ...anthropicError(error.status, error.message),
  request_id: requestId,
});

/** The error body a request's path promises: Anthropic's on /v1/messages, OpenAI's fields on /v1/*, else the house's. */
export function errorBodyFor(path: string, error: AppError, requestId: string) {
  if (path === '/v1/messages') return anthropicErrorBody(error, requestId);
  if (path.startsWith('/v1/')) return openaiErrorBody(error, requestId);
  return errorBody(error, requestId);
}
