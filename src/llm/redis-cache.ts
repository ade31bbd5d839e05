import type { Redis } from '@upstash/redis/cloudflare';
import type { ResponseCache } from './response-cache';
import type { ChatResult } from './types';

export function redisResponseCache(redis: Redis, ttlSeconds: number): ResponseCache {
  return {
    get: async (key) => (await redis.get<ChatResult>(key)) ?? undefined,
    put: async (key, result) => {
      await redis.set(key, result, { ex: ttlSeconds });
    },
    delete: async (key) => (await redis.del(key)) > 0,
  };
}
