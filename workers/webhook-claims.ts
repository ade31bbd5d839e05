import type { Context } from 'hono';
import { type ClaimStores, redisClaims } from '../src/channels/claim';
import { d1Claims } from '../src/channels/d1-claims';
import type { AppEnv } from './http/app-env';

/** Where this request's webhook claims go: Redis, with D1 behind it. */
export function webhookClaimStores(c: Context<AppEnv>): ClaimStores {
  const { redis, redisOutage, d1 } = c.var.services;
  return {
    redis: redis && redisOutage ? { store: redisClaims(redis), outage: redisOutage } : undefined,
    durable: d1Claims(d1),
    log: c.var.log,
  };
}
