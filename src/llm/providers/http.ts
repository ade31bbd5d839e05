import { errorMessage } from '../../lib/error-message';
import type { ProviderEndpoint } from './endpoints';
import { normalizeProviderError, ProviderError, statusError } from './errors';
import { type SseEvent, sseEvents } from './sse';
import type { ProviderId } from './types';

/** One request to a provider: a JSON body makes it a POST, none a GET. */
export interface ProviderRequest {
  provider: ProviderId;
  /** Below the endpoint's base URL, e.g. `/chat/completions`. */
  path: string;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * The endpoint's timeout and the caller's signal, as one abort of the request. No retries here:
 * retries and fallback belong to the router. The listener on the caller's signal is removed when
 * the exchange ends, so a signal that outlives the call keeps nothing of it.
 */
class Exchange {
  readonly controller = new AbortController();
  timedOut = false;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly callerAborted = () => this.controller.abort();

  constructor(
    timeoutMs: number,
    private readonly caller: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    if (caller?.aborted) this.controller.abort();
    else caller?.addEventListener('abort', this.callerAborted);
  }

  /** Response headers came back: from here a lost connection may have cost the upstream work. */
  answered = false;

  /** Headers are in: a stream may run past the timeout, which bounds only the wait for them. */
  stopClock(): void {
    clearTimeout(this.timer);
  }

  end(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.callerAborted);
  }

  /** What a thrown failure means: our timeout, the caller's abort, or the network. */
  failure(provider: ProviderId, error: unknown): ProviderError {
    if (error instanceof ProviderError || error instanceof SyntaxError) return normalizeProviderError(provider, error);
    if (this.timedOut) return new ProviderError(provider, 'retryable', 'timed out');
    if (this.caller?.aborted) return new ProviderError(provider, 'retryable', 'aborted by the caller');
    const message = `connection failed: ${errorMessage(error)}`;
    return new ProviderError(provider, 'retryable', message, undefined, undefined, !this.answered);
  }
}

async function send(endpoint: ProviderEndpoint, request: ProviderRequest, accept: string, exchange: Exchange) {
  const post = request.body !== undefined;
  const response = await fetch(`${endpoint.baseUrl}${request.path}`, {
    method: post ? 'POST' : 'GET',
    headers: { ...endpoint.headers, accept, ...(post ? { 'content-type': 'application/json' } : {}) },
    ...(post ? { body: JSON.stringify(request.body) } : {}),
    signal: exchange.controller.signal,
  });
  exchange.answered = true;
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw statusError(request.provider, endpoint.dialect, response.status, response.headers, text);
  }
  return response;
}

/** A JSON answer and its headers; the timeout covers reading the body too. */
export async function requestJson<T>(
  endpoint: ProviderEndpoint,
  request: ProviderRequest,
): Promise<{ data: T; headers: Headers }> {
  const exchange = new Exchange(endpoint.timeoutMs, request.signal);
  try {
    const response = await send(endpoint, request, 'application/json', exchange);
    return { data: (await response.json()) as T, headers: response.headers };
  } catch (error) {
    throw exchange.failure(request.provider, error);
  } finally {
    exchange.end();
  }
}

async function* eventsOf(
  body: ReadableStream<Uint8Array>,
  exchange: Exchange,
  provider: ProviderId,
): AsyncGenerator<SseEvent, void, undefined> {
  try {
    yield* sseEvents(body);
  } catch (error) {
    throw exchange.failure(provider, error);
  } finally {
    exchange.end();
  }
}

export interface EventStream {
  headers: Headers;
  events: AsyncGenerator<SseEvent, void, undefined>;
}

/** A streamed answer: its headers once they arrive, then its events as they come. */
export async function requestEvents(endpoint: ProviderEndpoint, request: ProviderRequest): Promise<EventStream> {
  const exchange = new Exchange(endpoint.timeoutMs, request.signal);
  let response: Response;
  try {
    response = await send(endpoint, request, 'text/event-stream', exchange);
  } catch (error) {
    exchange.end();
    throw exchange.failure(request.provider, error);
  }
  exchange.stopClock();
  const body = response.body;
  if (!body) {
    exchange.end();
    throw new ProviderError(request.provider, 'retryable', 'malformed stream: no body');
  }
  return { headers: response.headers, events: eventsOf(body, exchange, request.provider) };
}
