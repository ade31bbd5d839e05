/**
 * The refusals domain code raises. They say what went wrong in the domain's words and
 * carry no transport detail: `workers/http/error-handler.ts` is the one place that turns
 * each kind into an HTTP code and status.
 */
export abstract class DomainError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The thing asked for does not exist. */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
}

/** The thing exists but its state does not allow the move (e.g. approving what is not a draft). */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
}

/** The caller's input cannot be used as given. */
export class InvalidInputError extends DomainError {
  override readonly name = 'InvalidInputError';
}

/** The caller's input is larger than the product takes. */
export class TooLargeError extends DomainError {
  override readonly name = 'TooLargeError';
}

/** A dependency this needs is not configured or not reachable. */
export class UnavailableError extends DomainError {
  override readonly name = 'UnavailableError';
}

/** A remote service answered, but not with success. */
export class UpstreamFailedError extends DomainError {
  override readonly name = 'UpstreamFailedError';
}
