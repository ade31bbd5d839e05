import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis/cloudflare';
import type { Context } from 'hono';
import { recordRateLimited } from '../observability/http-metrics';
import type { AppEnv } from './app-env';
import { AppError } from './errors';

// Identifiers known to be over their limit, kept per isolate so a hammering client costs no Redis call.
const blocked = new Map<string, number>();

/**
 * Requests an isolate may still serve for an identifier without asking Redis. Each Redis call
 * takes a small block of the limit (2 %, 1 to 100 requests) that is good for at most a second, so
 * most requests skip the round trip; a block an isolate leaves unused only makes the limit a
 * little stricter, never looser. Once half a block is used the next one is drawn in the
 * background, so a steady client does not wait on Redis at all.
 */
interface Allowance {
  left: number;
  until: number;
  limit: number;
  drawing: boolean;
}
const allowances = new Map<string, Allowance>();
const ALLOWANCE_MS = 1_000;
/** Below this a block is too small to split: drawing ahead would spend most of a small limit early. */
const MIN_BLOCK_TO_DRAW_AHEAD = 4;

const blockFor = (requests: number) => Math.max(1, Math.min(100, Math.floor(requests * 0.02)));

const limiters = new WeakMap<Redis, Map<string, Ratelimit>>();

function limiterFor(redis: Redis, requests: number, windowSeconds: number): Ratelimit {
  let byLimit = limiters.get(redis);
  if (!byLimit) {
    byLimit = new Map();
    limiters.set(redis, byLimit);
  }
  const key = `${requests}/${windowSeconds}`;
  let limiter = byLimit.get(key);
  if (!limiter) {
    limiter = new Ratelimit({
      redis,
      limiter: Ratelimit.slidingWindow(requests, `${windowSeconds} s`),
      prefix: 'empire:ratelimit',
      ephemeralCache: blocked,
    });
    byLimit.set(key, limiter);
  }
  return limiter;
}

function refuse(c: Context<AppEnv>, identifier: string, limit: number, windowSeconds: number, reset: number): never {
  c.var.log.warn('rate limited', { identifier });
  recordRateLimited();
  throw new AppError('rate_limited', `Too many requests: limit ${limit} per ${windowSeconds} s`, undefined, {
    'Retry-After': String(Math.max(1, Math.ceil((reset - Date.now()) / 1000))),
  });
}

/** Takes the next block while the held one still serves; a refusal or an outage leaves the next request to ask. */
function drawAhead(c: Context<AppEnv>, limiter: Ratelimit, identifier: string, held: Allowance, block: number): void {
  held.drawing = true;
  const draw = limiter
    .limit(identifier, { rate: block })
    .then((result) => {
      if (!result.success) return;
      held.left += block;
      held.until = Date.now() + ALLOWANCE_MS;
    })
    .catch((error: unknown) => {
      c.var.log.warn('rate limit block not drawn', { error: error instanceof Error ? error.message : String(error) });
    })
    .finally(() => {
      held.drawing = false;
    });
  c.executionCtx.waitUntil(draw);
}

/** Sliding-window limit per identifier in Upstash Redis; over it answers 429 with Retry-After. */
export async function enforceRateLimit(c: Context<AppEnv>, identifier: string): Promise<void> {
  const redis = c.var.services.redis;
  if (!redis) return;
  const { requests, windowSeconds } = c.var.config.rateLimit;
  const limiter = limiterFor(redis, requests, windowSeconds);
  const block = blockFor(requests);
  const key = `${identifier}|${requests}|${windowSeconds}`;
  const now = Date.now();
  const held = allowances.get(key);
  if (held && held.left > 0 && now < held.until) {
    held.left -= 1;
    c.header('RateLimit-Limit', String(held.limit));
    if (block >= MIN_BLOCK_TO_DRAW_AHEAD && held.left <= block / 2 && !held.drawing)
      drawAhead(c, limiter, identifier, held, block);
    return;
  }
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
  allowances.set(key, { left: granted - 1, until: now + ALLOWANCE_MS, limit: result.limit, drawing: false });
}
