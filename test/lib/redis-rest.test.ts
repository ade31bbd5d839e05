import { env } from 'cloudflare:workers';
import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis/cloudflare';
import { describe, expect, it } from 'vitest';
import { parseStored, RedisError, RedisRest } from '../../src/lib/redis-rest';

// The Worker's Redis client inside workerd, against the test run's REST bridge and its Redis.
const client = (overrides: Partial<{ url: string; token: string }> = {}) =>
  new RedisRest({
    url: env.UPSTASH_REDIS_REST_URL,
    token: env.UPSTASH_REDIS_REST_TOKEN,
    timeoutMs: 10_000,
    ...overrides,
  });
const redis = client();
const key = (label: string) => `test:redis-rest:${label}:${crypto.randomUUID()}`;

async function failure(call: Promise<unknown>): Promise<RedisError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RedisError);
  return error as RedisError;
}

describe('happy', () => {
  it('stores JSON text and reads it back whole, Unicode included', async () => {
    const name = key('json');
    const value = { text: 'Grüße, 世界 🚀', costMicros: 12, nested: [1, null, 'x'] };
    expect(await redis.set(name, JSON.stringify(value), { ex: 60 })).toBe('OK');
    expect(parseStored(await redis.get(name))).toEqual(value);
    expect(await redis.get(key('missing'))).toBeNull();
  });

  it('claims a key once with SET NX, and counts what EXISTS and DEL find', async () => {
    const name = key('claim');
    expect(await redis.set(name, '1', { nx: true, ex: 60 })).toBe('OK');
    expect(await redis.set(name, '1', { nx: true, ex: 60 })).toBeNull();
    expect(await redis.exists([name, key('absent')])).toBe(1);
    expect(await redis.del([name, key('absent')])).toBe(1);
    expect(await redis.exists([name])).toBe(0);
  });

  it('reads many keys with MGET, null where one is missing', async () => {
    const [first, second] = [key('m1'), key('m2')];
    await redis.set(first, 'one', { ex: 60 });
    await redis.set(second, '{"n":2}', { ex: 60 });
    const values = await redis.mget([first, key('absent'), second]);
    expect(values).toEqual(['one', null, '{"n":2}']);
    expect(values.map(parseStored)).toEqual(['one', null, { n: 2 }]);
  });

  it('pages through matching keys with SCAN until the cursor is 0 again', async () => {
    const prefix = key('scan');
    const names = Array.from({ length: 25 }, (_, index) => `${prefix}:${index}`);
    for (const name of names) await redis.set(name, 'x', { ex: 60 });
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, { match: `${prefix}:*`, count: 10 });
      expect(typeof next).toBe('string');
      for (const found of keys) seen.add(found);
      cursor = next;
    } while (cursor !== '0');
    expect([...seen].sort()).toEqual([...names].sort());
  });

  it('runs a script by source and, once loaded, by its SHA', async () => {
    const script = `-- ${crypto.randomUUID()}\nreturn {tonumber(ARGV[1]) + 1, KEYS[1], ARGV[2]}`;
    expect(await redis.eval(script, ['k'], [41, 'two'])).toEqual([42, 'k', 'two']);
    const sha = await redis.scriptLoad(script);
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(await redis.evalsha(sha, ['k'], [1, 'again'])).toEqual([2, 'k', 'again']);
    expect(await redis.ping()).toBe('PONG');
  });

  it('carries @upstash/ratelimit, which calls EVALSHA and falls back to EVAL on NOSCRIPT', async () => {
    const limiter = new Ratelimit({
      // The limiter calls only the script commands, which this client offers with the SDK's arguments.
      redis: redis as unknown as Redis,
      limiter: Ratelimit.slidingWindow(3, '60 s'),
      prefix: key('ratelimit'),
      enableProtection: false,
      analytics: false,
    });
    const results = [];
    for (let i = 0; i < 5; i += 1) results.push((await limiter.limit('client')).success);
    expect(results).toEqual([true, true, true, false, false]);
  });
});

describe('errors', () => {
  it("throws Redis's own error with the command's name", async () => {
    const sha = 'f'.repeat(40);
    const error = await failure(redis.evalsha(sha, [], []));
    // @upstash/ratelimit looks for NOSCRIPT in the message to know it must send the script.
    expect(error.message).toMatch(/^Redis EVALSHA: NOSCRIPT/);
    const raised = await failure(redis.eval(`return redis.error_reply('ERR boom ${sha}')`, [], []));
    expect(raised.message).toContain('Redis EVAL:');
    expect(raised.message).toContain('boom');
  });

  it('fails clearly when nothing answers at the endpoint', async () => {
    const down = client({ url: 'http://127.0.0.1:1' });
    const error = await failure(down.get(key('down')));
    expect(error.message).toMatch(/^Redis GET: /);
  });
});

describe('security', () => {
  it('refuses a wrong token without putting the token in the error', async () => {
    const token = `wrong-${crypto.randomUUID()}`;
    const error = await failure(client({ token }).ping());
    expect(error.message).toMatch(/^Redis PING: /);
    expect(error.message).not.toContain(token);
    expect(String(error.stack)).not.toContain(token);
  });

  it('never puts the token in the error of an endpoint that is down', async () => {
    const token = `secret-${crypto.randomUUID()}`;
    const error = await failure(client({ url: 'http://127.0.0.1:1', token }).set(key('t'), 'v'));
    expect(error.message).not.toContain(token);
  });
});
