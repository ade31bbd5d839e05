// What bench/lib/burst.ts and its child process, burst-client.ts, exchange.

export interface BurstRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Requests sent at once. */
  count: number;
  /** Path of the cost a 200 reports in its JSON body, e.g. ['empire', 'cost_micros']. */
  costField: string[];
}

export interface BurstResponse {
  /** 0 when the request failed without a response. */
  status: number;
  ms: number;
  /** NaN unless the status is 200. */
  costMicros: number;
}

export interface BurstResult {
  responses: BurstResponse[];
  /** From the first request sent to the last response. */
  seconds: number;
}
