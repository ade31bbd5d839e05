/** Local fakes label every answer; health and the router surface it so nobody mistakes one for a model. */
export const FAKE_HEADER = 'x-empire-fake';

/**
 * The Messages API version the request and answer shapes follow (anthropic-wire.ts); it is the
 * one the Anthropic SDK sent when those shapes were written against it.
 */
export const ANTHROPIC_VERSION = '2026-10-21';

/** How a provider's errors read: OpenAI nests `{error: {...}}`; Anthropic's whole body is the error. */
export type Dialect = 'openai' | 'anthropic';

/** Where one provider is reached and what every request to it carries. Built once, reused per call. */
export interface ProviderEndpoint {
  /** Without a trailing slash; request paths start with one. */
  baseUrl: string;
  dialect: Dialect;
  /** Credentials and extra headers, already merged. */
  headers: Readonly<Record<string, string>>;
  timeoutMs: number;
}

export interface EndpointOptions {
  timeoutMs?: number;
  /** Sent with every request: extra headers a provider needs, Cloudflare Access service tokens. */
  headers?: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

const trimmed = (url: string) => url.replace(/\/+$/, '');

// Kimi, Ollama and OpenAI all speak OpenAI's wire protocol; only the base URL and key differ.
export function openAiCompatibleEndpoint(
  baseUrl: string,
  apiKey: string | undefined,
  options: EndpointOptions = {},
): ProviderEndpoint {
  return {
    baseUrl: trimmed(baseUrl),
    dialect: 'openai',
    headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...options.headers },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

/** Ollama's OpenAI-compatible root; it takes no key. */
export function ollamaEndpoint(ollamaUrl: string, options: EndpointOptions = {}): ProviderEndpoint {
  return openAiCompatibleEndpoint(`${trimmed(ollamaUrl)}/v1`, undefined, options);
}

export function anthropicEndpoint(baseUrl: string, apiKey: string, options: EndpointOptions = {}): ProviderEndpoint {
  return {
    baseUrl: trimmed(baseUrl),
    dialect: 'anthropic',
    headers: { 'x-api-key': apiKey, 'anthropic-version': ANTHROPIC_VERSION, ...options.headers },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}
