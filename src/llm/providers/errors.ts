import { errorMessage } from '../../lib/error-message';
import type { Dialect } from './endpoints';
import type { ProviderId } from './types';

/**
 * retryable: try again or fall back (429, 5xx, timeouts, a broken body);
 * context_length: this model cannot take the request, a larger one may;
 * rejected: this provider refuses us (bad key, quota spent), another may not;
 * invalid: the request itself is wrong, no provider will take it.
 */
export type ProviderErrorKind = 'retryable' | 'context_length' | 'rejected' | 'invalid';

export class ProviderError extends Error {
  constructor(
    readonly provider: ProviderId,
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    /** No answer came back at all: the connection failed before any response headers. */
    readonly unanswered = false,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

const CONTEXT_TOO_LONG = /context length|context window|maximum context|too many tokens|prompt is too long/i;
const QUOTA_SPENT = /insufficient_quota|enforced_spend_limit|billing/i;

/** retry-after in seconds (or retry-after-ms) as providers send it. */
export function retryAfterMs(headers: Headers): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function kindForStatus(status: number, message: string): ProviderErrorKind {
  if (status === 429) return QUOTA_SPENT.test(message) ? 'rejected' : 'retryable';
  if (status >= 500 || status === 408 || status === 409) return 'retryable';
  if (CONTEXT_TOO_LONG.test(message)) return 'context_length';
  if (status === 401 || status === 403 || status === 404) return 'rejected';
  return 'invalid';
}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * The error a provider reported: OpenAI's `error` member, or Anthropic's whole body
 * (`{type: 'error', error: {type, message}}`); a string error (Ollama) as it came.
 */
export function reportedError(dialect: Dialect, body: unknown): unknown {
  if (dialect === 'anthropic') return body;
  return typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
}

/** The error's own message where it has one, else the error as JSON. */
export function reportedMessage(error: unknown): string | undefined {
  if (error === undefined || error === null) return undefined;
  const message = typeof error === 'object' ? (error as { message?: unknown }).message : undefined;
  if (message) return typeof message === 'string' ? message : JSON.stringify(message);
  return JSON.stringify(error);
}

/**
 * A non-2xx answer: `<status> <message>`, the message from the provider's error JSON, or its body
 * when that is not JSON (an HTML page from a proxy). The kind also reads the error's code and type,
 * where OpenAI says `insufficient_quota` and Anthropic `enforced_spend_limit_reached`.
 */
export function statusError(
  provider: ProviderId,
  dialect: Dialect,
  status: number,
  headers: Headers,
  bodyText: string,
): ProviderError {
  const body = parsed(bodyText);
  const error = body === undefined ? undefined : reportedError(dialect, body);
  const said = body === undefined ? bodyText : reportedMessage(error);
  const message = said ? `${status} ${said}` : `${status} status code (no body)`;
  const kind = kindForStatus(status, `${message} ${JSON.stringify(error ?? '')}`);
  return new ProviderError(provider, kind, message, status, retryAfterMs(headers));
}

/** The one place thrown provider failures become ProviderErrors; http.ts names network failures itself. */
export function normalizeProviderError(provider: ProviderId, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof SyntaxError)
    return new ProviderError(provider, 'retryable', `malformed response: ${error.message}`);
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return new ProviderError(provider, 'retryable', 'timed out');
  return new ProviderError(provider, 'retryable', errorMessage(error));
}
