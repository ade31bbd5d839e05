import { answerShape } from './call-shapes';
import type { ChatRequest, ChatResult } from './types';

/** Exact-match cache of deterministic answers; a hit costs nothing. */
export interface ResponseCache {
  get(key: string): Promise<ChatResult | undefined>;
  put(key: string, result: ChatResult): Promise<void>;
  delete(key: string): Promise<boolean>;
}

/** Cached when the answer is deterministic (temperature 0) or the caller asks for it. */
export const isCacheable = (request: ChatRequest) => request.cache === true || request.temperature === 0;

/** The key covers everything that shapes the answer, and nothing that does not (scopes, ids). */
export async function cacheKey(request: ChatRequest, model: string): Promise<string> {
  const material = JSON.stringify([model, answerShape(request)]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(material));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `llm:cache:${hex}`;
}
