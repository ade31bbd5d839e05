// What bench/lib/spread.ts and its child process, spread-client.ts, exchange.

export interface SpreadRequest {
  /** The origins (and paths) to spread calls over, in turn: call i goes to urls[i % urls.length]. */
  urls: string[];
  method: 'GET' | 'POST';
  /** Calls in flight at once, each connection sending its next call when the last one answered. */
  connections: number;
  /** Calls in all. */
  total: number;
}

export interface SpreadResponse {
  /** Index into `urls`. */
  target: number;
  /** 0 when the call failed without a response. */
  status: number;
  /** Since the first call was sent, in ms. */
  sentMs: number;
  answeredMs: number;
  /** The JSON body of a non-2xx answer, when it had one. */
  body?: unknown;
}

export interface SpreadResult {
  responses: SpreadResponse[];
  seconds: number;
}
