import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { app } from '../../workers/app';

export type Overrides = Record<string, string>;

/** The test run's bindings with some vars replaced; a new object is a new config (and Redis client). */
export const envWith = (overrides: Overrides) => ({ ...env, ...overrides });

/** An Upstash URL where nothing listens: every Redis call fails at once. */
export const DEAD_REDIS = 'http://127.0.0.1:9';

export interface Call {
  status: number;
  remaining: number | null;
  retryAfter: number | null;
  body: unknown;
  /** The request's background work; already awaited unless `settle: false`. */
  settled: Promise<void>;
}

/**
 * One request through the real app with `bindings`; `settle` waits for its background work
 * (blocks drawn ahead, tokens handed back), as a quiet isolate would finish it between calls.
 */
export async function call(
  bindings: object,
  path: string,
  init: RequestInit & { address?: string; settle?: boolean } = {},
): Promise<Call> {
  const headers = new Headers(init.headers);
  if (init.address) headers.set('CF-Connecting-IP', init.address);
  const ctx = createExecutionContext();
  const response = await app.request(path, { ...init, headers }, bindings, ctx);
  const settled = waitOnExecutionContext(ctx);
  if (init.settle !== false) await settled;
  const remaining = response.headers.get('ratelimit-remaining');
  const retryAfter = response.headers.get('retry-after');
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text.
  }
  return {
    status: response.status,
    remaining: remaining === null ? null : Number(remaining),
    retryAfter: retryAfter === null ? null : Number(retryAfter),
    body,
    settled,
  };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh address in the documentation range, so no two tests share a client address. */
export const freshAddress = () => {
  const [a = 0, b = 0, c = 0] = crypto.getRandomValues(new Uint16Array(3));
  return `2001:db8::${a.toString(16)}:${b.toString(16)}:${c.toString(16)}`;
};
