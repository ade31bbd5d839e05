// Imports name their .ts files: a local-stack test loads this module in Node as well.
import type { RedisArg } from '../lib/redis-rest.ts';
import { BUCKETS, bucketMs, type Draw, type Grant, SLOTS, type WindowStore } from './window.ts';

/** The part of the Redis client the limiter needs. */
export interface ScriptRunner {
  eval(script: string, keys: string[], args: RedisArg[]): Promise<unknown>;
}

// One hash per identifier, a ring of SLOTS fields; each holds "bucket:count". A field whose
// bucket is out of the counted span is stale and is overwritten by the next booking that lands on
// it, so the hash never grows past SLOTS fields. ARGV from 9 on are (bucket, tokens) pairs handed
// back before counting. The in-memory store behind `npm start` runs this script too, on a Lua with
// 32-bit integers: buckets are formatted with %.0f, and a missing field is whatever is not a string.
const TAKE = `
local limit, size, buckets, slots = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local now, want = tonumber(ARGV[5]), tonumber(ARGV[6])
local current = math.floor(now / size)
local oldest = current - buckets
local names = {}
for i = 0, slots - 1 do names[i + 1] = string.format('%d', i) end
local values = redis.call('HMGET', KEYS[1], (unpack or table.unpack)(names))
for i = 9, #ARGV - 1, 2 do
  local refund, tokens = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  local index = refund % slots + 1
  local value = values[index]
  if type(value) == 'string' then
    local b, c = string.match(value, '^(%d+):(%d+)$')
    if tonumber(b) == refund then
      values[index] = string.format('%.0f:%.0f', refund, math.max(0, tonumber(c) - tokens))
      redis.call('HSET', KEYS[1], string.format('%d', index - 1), values[index])
    end
  end
end
local used, first = 0, nil
for i = 1, slots do
  local value = values[i]
  if type(value) == 'string' then
    local b, c = string.match(value, '^(%d+):(%d+)$')
    b, c = tonumber(b), tonumber(c)
    if b and b >= oldest then
      used = used + c
      if c > 0 and (first == nil or b < first) then first = b end
    end
  end
end
local granted = math.max(0, math.min(want, limit - used))
local bucket = -1
if granted > 0 then
  local at = granted == 1 and tonumber(ARGV[7]) or tonumber(ARGV[8])
  bucket = math.floor(at / size)
  local slot = string.format('%d', bucket % slots)
  local held = values[bucket % slots + 1]
  local count = 0
  if type(held) == 'string' then
    local b, c = string.match(held, '^(%d+):(%d+)$')
    if tonumber(b) == bucket then count = tonumber(c) end
  end
  redis.call('HSET', KEYS[1], slot, string.format('%.0f:%.0f', bucket, count + granted))
  used = used + granted
  if first == nil or bucket < first then first = bucket end
end
redis.call('PEXPIRE', KEYS[1], math.ceil((buckets + slots) * size))
return {granted, limit - used, bucket, ((first or current) + buckets + 1) * size}
`;

const redisKey = (key: string) => `empire:rl:${key}`;

/** Bookings in Redis, shared by every isolate: the limit holds across all of them. */
export class RedisWindowStore implements WindowStore {
  private readonly redis: ScriptRunner;

  constructor(redis: ScriptRunner) {
    this.redis = redis;
  }

  async take(draw: Draw): Promise<Grant> {
    const { spec } = draw;
    const refunds = draw.refunds.flatMap((refund) => [refund.bucket, refund.tokens]);
    const args = [
      spec.limit,
      bucketMs(spec),
      BUCKETS,
      SLOTS,
      draw.now,
      draw.want,
      draw.bookOne,
      draw.bookMany,
      ...refunds,
    ];
    const answer = await this.redis.eval(TAKE, [redisKey(draw.key)], args);
    if (!Array.isArray(answer) || answer.length !== 4 || !answer.every((n) => typeof n === 'number'))
      throw new Error(`rate limit script answered ${JSON.stringify(answer)}`);
    const [granted, remaining, bucket, resetAt] = answer as number[];
    return { granted: granted ?? 0, remaining: remaining ?? 0, bucket: bucket ?? -1, resetAt: resetAt ?? draw.now };
  }
}
