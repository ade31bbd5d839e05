import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstashBridge, type UpstashBridgeHandle } from '../../local-stack/services/upstash-bridge.ts';
import { RedisRest } from '../../src/lib/redis-rest.ts';
import { RedisWindowStore } from '../../src/ratelimit/redis-window.ts';
import type { Draw } from '../../src/ratelimit/window.ts';

// The limiter's Lua script runs on the machine's Redis in production and tests, and on the
// in-memory store (ioredis-mock's Lua) under a plain `npm start`: both must count the same.
describe.each([
  ['real redis', `redis://127.0.0.1:6379/${process.env.EMPIRE_TEST_REDIS_DB ?? '15'}`],
  ['memory', undefined],
])('rate limit script through the bridge (%s)', (_name, redisUrl) => {
  let bridge: UpstashBridgeHandle;
  let store: RedisWindowStore;
  beforeAll(async () => {
    bridge = await startUpstashBridge({ port: 0, token: 'tok', redisUrl });
    store = new RedisWindowStore(new RedisRest({ url: bridge.url, token: 'tok', timeoutMs: 10_000 }));
  });
  afterAll(async () => {
    await bridge.close();
  });

  const spec = { limit: 5, windowMs: 10_000 };
  const start = 1_800_000_000_000;
  const draw = (key: string, now: number, want = 1, refunds: Draw['refunds'] = []): Draw => ({
    key,
    spec,
    now,
    want,
    bookOne: now,
    bookMany: now + 1_000,
    refunds,
  });

  it('grants the limit one by one, refuses past it, and grants again a window later', async () => {
    const key = crypto.randomUUID();
    const grants = [];
    for (let i = 0; i < 7; i += 1) grants.push(await store.take(draw(key, start + i * 10)));
    expect(grants.map((grant) => [grant.granted, grant.remaining])).toEqual([
      [1, 4],
      [1, 3],
      [1, 2],
      [1, 1],
      [1, 0],
      [0, 0],
      [0, 0],
    ]);
    // A booking counts for a window and up to one bucket (500 ms) more.
    expect(grants[6]?.resetAt).toBe(start + 10_500);
    expect((await store.take(draw(key, start + 10_499))).granted).toBe(0);
    expect((await store.take(draw(key, start + 10_500))).granted).toBe(1);
  });

  it('grants what fits of a block, and takes back unused tokens', async () => {
    const key = crypto.randomUUID();
    const block = await store.take(draw(key, start, 4));
    expect([block.granted, block.remaining]).toEqual([4, 1]);
    const partial = await store.take(draw(key, start + 1, 4));
    expect([partial.granted, partial.remaining]).toEqual([1, 0]);
    const handedBack = await store.take(draw(key, start + 2, 1, [{ bucket: block.bucket, tokens: 3 }]));
    expect([handedBack.granted, handedBack.remaining]).toEqual([1, 2]);
  });
});
