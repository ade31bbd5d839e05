/** Sent more than this past its scheduled time: the generator, not the server, fell behind. */
export const LATE_AFTER_MS = 2;

export interface OpenLoopRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: string;
  headers?: Record<string, string>;
  /** Requests per second the schedule sends, whatever the server answers. */
  rate: number;
  /** `constant`: one every 1/rate s; `poisson`: exponential gaps with the same mean. */
  arrivals: 'constant' | 'poisson';
  durationSeconds: number;
  /** The same schedule before the measurement, not counted. */
  warmupSeconds: number;
  /** Keep-alive sockets at most; a request that finds none free waits, and the wait counts. */
  sockets: number;
  /** A request unanswered this long after its scheduled time is an error. */
  timeoutMs: number;
}

/** Latency is from each request's scheduled send time to the end of its response body. */
export interface OpenLoopResult {
  /** Requests the schedule called for in the measured phase. */
  scheduled: number;
  /** Responses received, any status, per second of the measured schedule. */
  achievedRate: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  /** Connection errors and timeouts; they count in the percentiles at the time they failed. */
  errors: number;
  /**
   * Requests this client sent later than LATE_AFTER_MS past their scheduled time, and the worst
   * lag: when these are many, the generator did not keep its schedule and the figures are not
   * of the server alone. Waiting for a free socket is not lateness (it is the server's queue).
   */
  lateSends: number;
  maxSendLagMs: number;
}
