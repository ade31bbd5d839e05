import { Ratelimit } from '@upstash/ratelimit';
import type { Context } from 'hono';
import { recordRateLimited } from '../observability/http-metrics';
import type { AppEnv } from './app-env';
import { AppError } from './errors';

// Identifiers known to be over their limit, kept per isolate so a hammering client costs no Redis call.
const blocked = new Map<string, number>();

/** Sliding-window limit per identifier in Upstash Redis; over it answers 429 with Retry-After. */
export async function enforceRateLimit(c: Context<AppEnv>, identifier: string): Promise<void> {
  const redis = c.var.services.redis;
  if (!redis) return;
  const { requests, windowSeconds } = c.var.config.rateLimit;
  const limiter = new Ratelimit({
    redis,
    limiter: Ratelimit.slidingWindow(requests, `${windowSeconds} s`),
    prefix: 'empire:ratelimit',
    ephemeralCache: blocked,
  });
  const result = await limiter.limit(identifier);
  c.header('RateLimit-Limit', String(result.limit));
  c.header('RateLimit-Remaining', String(Math.max(0, result.remaining)));
  if (!result.success) {
    const retryAfter = Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
    c.var.log.warn('rate limited', { identifier });
    recordRateLimited();
    throw new AppError('rate_limited', `Too many requests: limit ${result.limit} per ${windowSeconds} s`, undefined, {
      'Retry-After': String(retryAfter),
    });
  }
}
