import type { ProviderError } from './providers/errors';

/**
 * A request that got no answer at all: the connection was refused, reset or closed under it
 * before any response headers. A timeout or a body broken after its headers is not one (the
 * upstream may have worked on the request, and billed it).
 */
export function isConnectionFailure(error: ProviderError): boolean {
  return error.kind === 'retryable' && error.unanswered;
}

/**
 * How long to wait before trying the same model once more, or undefined to move on: a short
 * retry-after is waited out, and a connection that failed before any answer (a pooled keep-alive
 * socket the upstream closed just as it was reused) is tried again at once.
 */
export function retryWaitMs(error: ProviderError, maxRetryWaitMs: number): number | undefined {
  if (error.kind !== 'retryable') return undefined;
  if (isConnectionFailure(error)) return 0;
  const wait = error.retryAfterMs;
  return wait !== undefined && wait <= maxRetryWaitMs ? wait : undefined;
}
