import { Ratelimit } from '@upstash/ratelimit';
import type { Context } from 'hono';
import { recordRateLimited } from '../observability/http-metrics';
import type { AppEnv } from './app-env';
import { AppError } from './errors';

// Identifiers known to be over their limit, kept per isolate so a hammering client costs no Redis call.
const blocked = new Map<string, number>();

/**
 * Requests an isolate may still serve for an identifier without asking Redis. Each Redis call
 * takes a small block of the limit (2 %, 1 to 20 requests) that is good for at most a second, so
 * most requests skip the round trip; a block an isolate leaves unused only makes the limit a
 * little stricter, never looser.
 */
const allowances = new Map<string, { left: number; until: number; limit: number }>();
const ALLOWANCE_MS = 1_000;

const blockFor = (requests: number) => Math.max(1, Math.min(20, Math.floor(requests * 0.02)));

function refuse(c: Context<AppEnv>, identifier: string, limit: number, windowSeconds: number, reset: number): never {
  c.var.log.warn('rate limited', { identifier });
  recordRateLimited();
  throw new AppError('rate_limited', `Too many requests: limit ${limit} per ${windowSeconds} s`, undefined, {
    'Retry-After': String(Math.max(1, Math.ceil((reset - Date.now()) / 1000))),
  });
}

/** Sliding-window limit per identifier in Upstash Redis; over it answers 429 with Retry-After. */
export async function enforceRateLimit(c: Context<AppEnv>, identifier: string): Promise<void> {
  const redis = c.var.services.redis;
  if (!redis) return;
  const { requests, windowSeconds } = c.var.config.rateLimit;
  const key = `${identifier}|${requests}|${windowSeconds}`;
  const now = Date.now();
  const held = allowances.get(key);
  if (held && held.left > 0 && now < held.until) {
    held.left -= 1;
    c.header('RateLimit-Limit', String(held.limit));
    return;
  }
  const limiter = new Ratelimit({
    redis,
    limiter: Ratelimit.slidingWindow(requests, `${windowSeconds} s`),
    prefix: 'empire:ratelimit',
    ephemeralCache: blocked,
  });
  const block = blockFor(requests);
  let result = await limiter.limit(identifier, { rate: block });
  let granted = block;
  // Near the limit a whole block may not fit where a single request still does.
  if (!result.success && block > 1) {
    result = await limiter.limit(identifier);
    granted = 1;
  }
  c.header('RateLimit-Limit', String(result.limit));
  c.header('RateLimit-Remaining', String(Math.max(0, result.remaining)));
  if (!result.success) refuse(c, identifier, result.limit, windowSeconds, result.reset);
  allowances.set(key, { left: granted - 1, until: now + ALLOWANCE_MS, limit: result.limit });
}
