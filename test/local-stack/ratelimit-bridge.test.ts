import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstashBridge, type UpstashBridgeHandle } from '../../local-stack/services/upstash-bridge.ts';

// @upstash/ratelimit's scripts carry Upstash-only flags; the bridge must make them run on Redis 7.0.
describe.each([
  ['real redis', 'redis://127.0.0.1:6379/13'],
  ['memory', undefined],
])('@upstash/ratelimit through the bridge (%s)', (_name, redisUrl) => {
  let bridge: UpstashBridgeHandle;
  beforeAll(async () => {
    bridge = await startUpstashBridge({ port: 0, token: 'tok', redisUrl });
  });
  afterAll(async () => {
    await bridge.close();
  });

  it('allows the limit, refuses past it, and reuses the loaded script', async () => {
    const redis = new Redis({ url: bridge.url, token: 'tok' });
    const limiter = new Ratelimit({
      redis,
      limiter: Ratelimit.slidingWindow(3, '10 s'),
      prefix: `t${crypto.randomUUID()}`,
    });
    const results = [];
    for (let i = 0; i < 5; i += 1) results.push((await limiter.limit('client')).success);
    expect(results).toEqual([true, true, true, false, false]);
  });
});
