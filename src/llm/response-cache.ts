import { answerShape } from './call-shapes';
import type { ChatRequest, ChatResult } from './types';

/** Exact-match cache of deterministic answers (chat answers, or embeddings); a hit costs nothing. */
export interface ResponseCache<T = ChatResult> {
  get(key: string): Promise<T | undefined>;
  /** `subjects`: whom the request was about, so an erasure can find the answer (`cache-subjects.ts`). */
  put(key: string, result: T, subjects?: string[]): Promise<void>;
  delete(key: string): Promise<boolean>;
}

/** Cached when the answer is deterministic (temperature 0) or the caller asks for it. */
export const isCacheable = (request: ChatRequest) => request.cache === true || request.temperature === 0;

/** `prefix:` and the SHA-256 of the material's JSON. */
export async function digestKey(prefix: string, material: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(material)));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${prefix}:${hex}`;
}

/** The key covers everything that shapes the answer, and nothing that does not (scopes, ids). */
export const cacheKey = (request: ChatRequest, model: string): Promise<string> =>
  digestKey('llm:cache', [model, answerShape(request)]);
