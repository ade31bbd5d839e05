export interface LoadRequest {
  url: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: string;
  headers?: Record<string, string>;
  /**
   * End each phase with no request in flight, so that every request the server handled has its
   * response counted. Phases then send a fixed number of requests, sized from the rate seen so far
   * to last about their duration, instead of being cut off when the time is up.
   */
  drain?: boolean;
  /** A numeric field of JSON response bodies (dot path, e.g. `empire.cost_micros`) to add up over 2xx responses. */
  sumField?: string;
}

/** Responses of one phase by status, and `sumField` added up over its 2xx responses. */
export interface Tally {
  statuses: Record<string, number>;
  /** 0 when no sumField was asked for. */
  sum: number;
}

/** What the load client itself measures. */
export interface LoadResult {
  /** Responses received (any status). */
  requests: number;
  requestsPerSecond: number;
  /** Response-time percentiles over every response, in milliseconds. */
  p50Ms: number;
  p99Ms: number;
  /** Responses whose status was not 2xx. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** The measured responses by status (and sumField's total). */
  tally: Tally;
  /** The same for the uncounted warm-up, whose requests reached the server too. */
  warmup: Tally;
}

export interface Measurement extends LoadResult {
  /**
   * Cores in use on average while measuring: `client` (the load generator), `runner` (the
   * benchmark's own Node process), each process passed to measure(), and from cpu.ts's
   * coresUsed() `machine`, `interrupts` and `other`; plus `before`, the machine's busy cores just
   * before the measurement started.
   */
  cores: Record<string, number>;
  /** Attempts made; the result is from the least disturbed one. */
  attempts: number;
}
