/** Yields to the event loop for about `ms`, in the caller's own request context. */
export const pause = (ms = 1) => new Promise<void>((resolve) => setTimeout(resolve, ms));
