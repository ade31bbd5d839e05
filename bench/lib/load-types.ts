export interface LoadRequest {
  url: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: string;
  headers?: Record<string, string>;
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
