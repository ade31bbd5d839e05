import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

/** Local fakes label every answer; health and the router surface it so nobody mistakes one for a model. */
export const FAKE_HEADER = 'x-empire-fake';

export interface ClientOptions {
  timeoutMs?: number;
  maxRetries?: number;
  /** Sent with every request: extra headers a provider needs, Cloudflare Access service tokens. */
  headers?: Record<string, string>;
}

// Kimi and Ollama both speak OpenAI's wire protocol; only the base URL and key differ.
export function openAiCompatibleClient(baseURL: string, apiKey: string, options: ClientOptions = {}): OpenAI {
  return new OpenAI({
    baseURL,
    apiKey,
    timeout: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 0,
    defaultHeaders: options.headers,
  });
}

export function ollamaClient(ollamaUrl: string, options: ClientOptions = {}): OpenAI {
  // Ollama ignores the key, but the SDK refuses to start without one.
  return openAiCompatibleClient(`${ollamaUrl.replace(/\/+$/, '')}/v1`, 'ollama', options);
}

export function anthropicClient(baseURL: string, apiKey: string, options: ClientOptions = {}): Anthropic {
  return new Anthropic({ baseURL, apiKey, timeout: options.timeoutMs ?? 60_000, maxRetries: options.maxRetries ?? 0 });
}
