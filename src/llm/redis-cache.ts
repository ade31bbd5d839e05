import type { Redis } from '@upstash/redis/cloudflare';
import type { Outage } from '../lib/outage';
import type { Logger } from '../observability/logger';
import type { ResponseCache } from './response-cache';
import type { ChatResult } from './types';

/**
 * The response cache in Redis. While Redis is down every lookup is a miss and nothing is stored:
 * the call goes to its provider and is paid for, never refused, and never waits on Redis.
 */
export function redisResponseCache<T = ChatResult>(
  redis: Redis,
  ttlSeconds: number,
  outage: Outage,
  log: Logger,
): ResponseCache<T> {
  const attempt = <T>(call: () => Promise<T>) => outage.attempt('response_cache', log, call);
  return {
    get: async (key) => (await attempt(() => redis.get<T>(key)))?.value ?? undefined,
    put: async (key, result) => {
      await attempt(() => redis.set(key, result, { ex: ttlSeconds }));
    },
    delete: async (key) => ((await attempt(() => redis.del(key)))?.value ?? 0) > 0,
  };
}
