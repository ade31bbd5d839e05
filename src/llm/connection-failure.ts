import type { ProviderError } from './providers/errors';

/**
 * A request that got no answer at all: the connection was refused, reset or closed under it.
 * `normalizeProviderError` names these "connection failed" and gives them no status; a timeout or
 * a broken body is not one (the upstream may have started on the request).
 */
export function isConnectionFailure(error: ProviderError): boolean {
  return error.kind === 'retryable' && error.status === undefined && error.message.startsWith('connection failed');
}
