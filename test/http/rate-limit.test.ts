import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../workers/app';
import { createKey } from '../helpers/keys';

describe('rate limit', () => {
  it('serves exactly the limit from blocks drawn ahead, then answers 429', async () => {
    const key = await createKey('readonly');
    // 200 a day: blocks of 4, so each block is drawn while the one before still serves. A day's
    // window keeps the run inside one bucket of the sliding window.
    const limited = { ...env, RATE_LIMIT_REQUESTS: '200', RATE_LIMIT_WINDOW_SECONDS: '86400' };
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    // Only a request that waited on Redis itself reports what is left there.
    let askedRedis = 0;
    for (let i = 0; i < 230; i += 1) {
      const ctx = createExecutionContext();
      const response = await app.request('/api/brains', { headers: { authorization: `Bearer ${key}` } }, limited, ctx);
      // The next block is drawn in the background; let it land before the next call.
      await waitOnExecutionContext(ctx);
      statuses.push(response.status);
      if (response.status === 200 && response.headers.has('ratelimit-remaining')) askedRedis += 1;
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
      await response.arrayBuffer();
    }
    expect(statuses.slice(0, 200).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(200)).toEqual(Array(30).fill(429));
    // Every block after the first was drawn ahead, in the background; waiting would make it 50.
    expect(askedRedis).toBe(1);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  }, 60_000);
});
