import type { Context } from 'hono';
import type { RedisRest } from '../../src/lib/redis-rest';
import { recordRateLimited } from '../../src/observability/http-metrics';
import { ClientLimiter } from '../../src/ratelimit/client-limiter';
import type { Decision, LimiterScope } from '../../src/ratelimit/limiter-state';
import { RedisWindowStore } from '../../src/ratelimit/redis-window';
import type { WindowSpec } from '../../src/ratelimit/window';
import type { AppEnv } from './app-env';
import { AppError } from './errors';

/** This isolate's tokens drawn ahead, refusals and (Redis down) fallback windows: bounded caches. */
export const clientLimiter = new ClientLimiter();
const stores = new WeakMap<RedisRest, RedisWindowStore>();

function scopeOf(c: Context<AppEnv>): LimiterScope {
  const { redis, redisOutage } = c.get('services');
  let shared: LimiterScope['shared'];
  if (redis && redisOutage) {
    let store = stores.get(redis);
    if (!store) {
      store = new RedisWindowStore(redis);
      stores.set(redis, store);
    }
    shared = { store, outage: redisOutage };
  }
  return { shared, log: c.get('log'), background: (work) => c.executionCtx.waitUntil(work) };
}

/** RATE_LIMIT_REQUESTS per RATE_LIMIT_WINDOW_SECONDS: the limit every client gets. */
export const clientLimit = (c: Context<AppEnv>): WindowSpec => ({
  limit: c.get('config').rateLimit.requests,
  windowMs: c.get('config').rateLimit.windowSeconds * 1000,
});

/**
 * Charges one request to `identifier` under `spec` (the client limit unless given); over it,
 * throws 429 with Retry-After. See src/ratelimit/window.ts for how exact the limit is.
 */
export async function chargeRateLimit(
  c: Context<AppEnv>,
  identifier: string,
  spec: WindowSpec = clientLimit(c),
): Promise<Decision> {
  const decision = await clientLimiter.check(identifier, spec, scopeOf(c));
  if (decision.allowed) return decision;
  c.get('log').warn('rate limited', { identifier });
  recordRateLimited();
  const windowSeconds = spec.windowMs / 1000;
  throw new AppError('rate_limited', `Too many requests: limit ${spec.limit} per ${windowSeconds} s`, undefined, {
    'Retry-After': String(Math.max(1, Math.ceil((decision.resetAt - Date.now()) / 1000))),
    'RateLimit-Limit': String(spec.limit),
    'RateLimit-Remaining': '0',
  });
}

/** The client limit, with RateLimit-Limit and RateLimit-Remaining on the response. */
export async function enforceRateLimit(c: Context<AppEnv>, identifier: string): Promise<void> {
  const decision = await chargeRateLimit(c, identifier);
  c.header('RateLimit-Limit', String(decision.limit));
  c.header('RateLimit-Remaining', String(decision.remaining));
}
