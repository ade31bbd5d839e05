import type { Outage } from '../lib/outage';
import type { Logger } from '../observability/logger';

/** Where a webhook delivery is recorded as handled. */
export interface ClaimStore {
  /** True for the first caller only: the record and the check are one atomic step. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Whether `key` is recorded and not yet expired. */
  has(key: string): Promise<boolean>;
}

/** The part of a Redis client a claim needs. */
export interface RedisClaimClient {
  set(key: string, value: string, options: { nx: true; ex: number }): Promise<unknown>;
  exists(keys: string[]): Promise<number>;
}

export const CLAIM_TTL_SECONDS = 86_400;

/** `SET key 1 NX EX ttl` is atomic, so of two concurrent deliveries of one update exactly one wins. */
export function redisClaims(redis: RedisClaimClient): ClaimStore {
  return {
    claim: async (key, ttlSeconds) => (await redis.set(key, '1', { nx: true, ex: ttlSeconds })) === 'OK',
    has: async (key) => (await redis.exists([key])) > 0,
  };
}

export interface ClaimStores {
  /** Redis and its outage state; undefined when Redis is not configured. */
  redis?: { store: ClaimStore; outage: Outage };
  /** D1: where claims go while Redis is down or not configured. */
  durable: ClaimStore;
  log: Logger;
}

/**
 * True for the first delivery of `key` only. Claims go to Redis; while Redis is down (or not
 * configured) they go to D1 instead, because a sender such as GitHub does not redeliver: refusing
 * the delivery would lose its command. A claim taken in Redis also checks D1 for one taken there
 * during an outage, so a redelivery after Redis is back still runs once. One taken in Redis and
 * redelivered while Redis is down cannot be seen and runs again.
 */
export async function claimOnce(key: string, stores: ClaimStores, ttlSeconds = CLAIM_TTL_SECONDS): Promise<boolean> {
  const redis = stores.redis;
  const answer =
    redis && (await redis.outage.attempt('webhook_claim', stores.log, () => redis.store.claim(key, ttlSeconds)));
  if (!answer) return stores.durable.claim(key, ttlSeconds);
  return answer.value && !(await stores.durable.has(key));
}
