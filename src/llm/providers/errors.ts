import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { errorMessage } from '../../lib/error-message';
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
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

const CONTEXT_TOO_LONG = /context length|context window|maximum context|too many tokens|prompt is too long/i;
const QUOTA_SPENT = /insufficient_quota|enforced_spend_limit|billing/i;

/** retry-after in seconds (or retry-after-ms) as providers send it. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function kindForStatus(status: number, message: string): ProviderErrorKind {
  if (status === 429) return QUOTA_SPENT.test(message) ? 'rejected' : 'retryable';
  if (status >= 500 || status === 408 || status === 409) return 'retryable';
  if (CONTEXT_TOO_LONG.test(message)) return 'context_length';
  if (status === 401 || status === 403 || status === 404) return 'rejected';
  return 'invalid';
}

/** The one place provider failures become ProviderErrors. */
export function normalizeProviderError(provider: ProviderId, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof Anthropic.APIConnectionTimeoutError) {
    return new ProviderError(provider, 'retryable', 'timed out');
  }
  if (error instanceof OpenAI.APIConnectionError || error instanceof Anthropic.APIConnectionError) {
    return new ProviderError(provider, 'retryable', `connection failed: ${error.message}`);
  }
  if (error instanceof OpenAI.APIError || error instanceof Anthropic.APIError) {
    const status = error.status ?? 0;
    const message = `${error.message} ${JSON.stringify(error.error ?? '')}`;
    if (!status) return new ProviderError(provider, 'retryable', error.message);
    return new ProviderError(
      provider,
      kindForStatus(status, message),
      error.message,
      status,
      retryAfterMs(error.headers as Headers | undefined),
    );
  }
  if (error instanceof SyntaxError)
    return new ProviderError(provider, 'retryable', `malformed response: ${error.message}`);
  if (error instanceof Error && error.name === 'AbortError')
    return new ProviderError(provider, 'retryable', 'timed out');
  return new ProviderError(provider, 'retryable', errorMessage(error));
}
