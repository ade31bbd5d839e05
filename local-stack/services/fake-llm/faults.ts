import type { Json, JsonObject } from './http.ts';
import { isObject } from './http.ts';
import { requestId } from './text.ts';

export type ErrorStyle = 'openai' | 'anthropic' | 'ollama';

export interface FaultSpec {
  provider?: string;
  model?: string;
  status: number;
  /** Matching requests this fault answers (default 1); 0 or less = every match until cleared. */
  times?: number;
  /** Seconds, sent as `retry-after`. */
  retryAfter?: number;
  /** Sleep before answering, to trigger client timeouts. */
  delayMs?: number;
  /** 'malformed' = invalid JSON body; an object = this exact JSON body. */
  body?: 'malformed' | JsonObject;
  /** Only requests whose JSON body contains this text match, so concurrent tests stay apart. */
  contains?: string;
  /**
   * With status 200 and a streamed request: the stream starts, sends its first piece, then fails
   * as the real APIs do (an `error` event, fixtures/llm/anthropic_stream_error_midstream.txt).
   */
  midstream?: boolean;
  /**
   * Drops the connection without a byte of answer, as a server does when it closes a pooled
   * keep-alive socket just as the client sends on it.
   */
  disconnect?: boolean;
}

export interface Fault extends FaultSpec {
  remaining: number;
}

/** Validates an admin request body; returns an error message or the spec. */
export function parseFaultSpec(body: JsonObject): FaultSpec | string {
  const { provider, model, status, times, retryAfter, delayMs, contains, midstream, disconnect } = body;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    return 'status must be an integer HTTP status between 200 and 599';
  }
  if (provider !== undefined && typeof provider !== 'string') return 'provider must be a string';
  if (model !== undefined && typeof model !== 'string') return 'model must be a string';
  if (contains !== undefined && (typeof contains !== 'string' || contains.length === 0))
    return 'contains must be a non-empty string';
  for (const [key, v] of Object.entries({ times, retryAfter, delayMs })) {
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) return `${key} must be a number`;
  }
  if (body.body !== undefined && body.body !== 'malformed' && !isObject(body.body)) {
    return "body must be 'malformed' or a JSON object";
  }
  const spec: FaultSpec = { status };
  if (provider !== undefined) spec.provider = provider;
  if (model !== undefined) spec.model = model;
  if (typeof contains === 'string') spec.contains = contains;
  if (typeof times === 'number') spec.times = times;
  if (typeof retryAfter === 'number') spec.retryAfter = retryAfter;
  if (typeof delayMs === 'number') spec.delayMs = delayMs;
  if (body.body === 'malformed' || isObject(body.body)) spec.body = body.body;
  if (midstream !== undefined && typeof midstream !== 'boolean') return 'midstream must be a boolean';
  if (midstream) spec.midstream = true;
  if (disconnect !== undefined && typeof disconnect !== 'boolean') return 'disconnect must be a boolean';
  if (disconnect) spec.disconnect = true;
  return spec;
}

export class FaultQueue {
  private faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const times = spec.times ?? 1;
    const fault: Fault = { ...spec, remaining: times > 0 ? Math.floor(times) : Number.POSITIVE_INFINITY };
    this.faults.push(fault);
    return fault;
  }

  /** Takes the oldest fault matching this request, counting it down. */
  take(provider: string, model: string | null, rawBody = ''): Fault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        (f.provider === undefined || f.provider === provider) &&
        (f.model === undefined || f.model === model) &&
        (f.contains === undefined || rawBody.includes(f.contains)),
    );
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  list(): Fault[] {
    return [...this.faults];
  }

  clear(): number {
    const n = this.faults.length;
    this.faults = [];
    return n;
  }
}

const ANTHROPIC_TYPES: Record<number, [string, string]> = {
  400: ['invalid_request_error', 'Invalid request (fake).'],
  401: ['authentication_error', 'invalid x-api-key (fake)'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource. (fake)'],
  404: ['not_found_error', 'The requested resource could not be found. (fake)'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes. (fake)'],
  429: ['rate_limit_error', 'This request would exceed the rate limit for your organization. (fake)'],
  500: ['api_error', 'Internal server error (fake)'],
  529: ['overloaded_error', 'Overloaded (fake)'],
};

const OPENAI_TYPES: Record<number, [string, string | null, string]> = {
  400: ['invalid_request_error', null, 'Invalid request (fake).'],
  401: ['invalid_request_error', 'invalid_api_key', 'Incorrect API key provided (fake).'],
  403: ['invalid_request_error', 'unsupported_country_region_territory', 'Request not allowed (fake).'],
  404: ['invalid_request_error', 'model_not_found', 'The model does not exist or you do not have access to it. (fake)'],
  429: ['requests', 'rate_limit_exceeded', 'Rate limit reached (fake). Please try again later.'],
  500: ['server_error', null, 'The server had an error while processing your request. (fake)'],
  503: ['server_error', null, 'The engine is currently overloaded, please try again later. (fake)'],
};

/** The error body each API really sends for a status, labelled as fake. */
export function errorBody(style: ErrorStyle, status: number, message?: string): Json {
  if (style === 'anthropic') {
    const [type, text] = ANTHROPIC_TYPES[status] ?? ['api_error', `HTTP ${status} (fake)`];
    return { type: 'error', error: { type, message: message ?? text }, request_id: requestId() };
  }
  const [type, code, text] = OPENAI_TYPES[status] ?? ['api_error', null, `HTTP ${status} (fake)`];
  if (style === 'ollama') return { error: message ?? text };
  return { error: { message: message ?? text, type, param: null, code } };
}
