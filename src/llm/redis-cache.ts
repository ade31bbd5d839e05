import type { Outage } from '../lib/outage';
import { parseStored, type RedisRest } from '../lib/redis-rest';
import type { Logger } from '../observability/logger';
import { storeWithSubjects } from './cache-subjects';
import type { ResponseCache } from './response-cache';
import type { ChatResult } from './types';

/**
 * The response cache in Redis. While Redis is down every lookup is a miss and nothing is stored:
 * the call goes to its provider and is paid for, never refused, and never waits on Redis.
 */
export function redisResponseCache<T = ChatResult>(
  redis: RedisRest,
  ttlSeconds: number,
  outage: Outage,
  log: Logger,
): ResponseCache<T> {
  const attempt = <T>(call: () => Promise<T>) => outage.attempt('response_cache', log, call);
  return {
    get: async (key) => {
      const stored = (await attempt(() => redis.get(key)))?.value ?? null;
      return (parseStored(stored) as T | null) ?? undefined;
    },
    put: async (key, result, subjects = []) => {
      const value = JSON.stringify(result);
      await attempt(async () => {
        if (subjects.length > 0) await storeWithSubjects(redis, key, value, subjects, ttlSeconds);
        else await redis.set(key, value, { ex: ttlSeconds });
      });
    },
    delete: async (key) => ((await attempt(() => redis.del([key])))?.value ?? 0) > 0,
  };
}
