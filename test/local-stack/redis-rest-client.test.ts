import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstashBridge, type UpstashBridgeHandle } from '../../local-stack/services/upstash-bridge.ts';
import { parseStored, RedisError, RedisRest } from '../../src/lib/redis-rest.ts';

// The Worker's Redis client against the bridge, beside @upstash/redis (the client it replaced),
// and against endpoints that misbehave in ways the bridge never does.
describe.each([
  ['real redis', `redis://127.0.0.1:6379/${process.env.EMPIRE_TEST_REDIS_DB ?? '15'}`],
  ['memory', undefined],
])('the Worker Redis client through the bridge (%s)', (_name, redisUrl) => {
  let bridge: UpstashBridgeHandle;
  let redis: RedisRest;
  let sdk: Redis;
  beforeAll(async () => {
    bridge = await startUpstashBridge({ port: 0, token: 'tok', redisUrl });
    redis = new RedisRest({ url: bridge.url, token: 'tok', timeoutMs: 10_000 });
    sdk = new Redis({ url: bridge.url, token: 'tok' });
  });
  afterAll(async () => {
    await bridge.close();
  });

  const cached = { id: 'r1', text: 'Grüße 🚀', usage: { inputTokens: 3, outputTokens: 4 }, cached: false };

  it('reads what @upstash/redis stored before it, and writes what the SDK reads', async () => {
    const before = `test:compat:${crypto.randomUUID()}`;
    await sdk.set(before, cached, { ex: 60 });
    expect(parseStored(await redis.get(before))).toEqual(cached);
    expect((await redis.mget([before])).map(parseStored)).toEqual([cached]);

    const after = `test:compat:${crypto.randomUUID()}`;
    await redis.set(after, JSON.stringify(cached), { ex: 60 });
    expect(await sdk.get(after)).toEqual(cached);
  });

  it('carries @upstash/ratelimit, which sends EVAL when EVALSHA answers NOSCRIPT', async () => {
    const sent: string[] = [];
    const recording = {
      evalsha: (...args: Parameters<RedisRest['evalsha']>) => {
        sent.push('EVALSHA');
        return redis.evalsha(...args);
      },
      eval: (...args: Parameters<RedisRest['eval']>) => {
        sent.push('EVAL');
        return redis.eval(...args);
      },
    };
    const limiter = new Ratelimit({
      redis: recording as unknown as Redis,
      limiter: Ratelimit.fixedWindow(2, '60 s'),
      prefix: `t${crypto.randomUUID()}`,
      ephemeralCache: false,
    });
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push((await limiter.limit('client')).success);
    expect(results).toEqual([true, true, false, false]);
    // A fresh in-memory store has no scripts loaded, so the first call must have gone the NOSCRIPT way.
    if (bridge.backend === 'memory') expect(sent.slice(0, 3)).toEqual(['EVALSHA', 'EVAL', 'EVALSHA']);
  });
});

/** An endpoint that answers every request with `reply`, or never when it is undefined. */
async function endpoint(reply?: (authorization: string) => { status: number; body: string }) {
  const server: Server = createServer((req, res) => {
    req.resume();
    if (!reply) return;
    const { status, body } = reply(req.headers.authorization ?? '');
    res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function failure(call: Promise<unknown>): Promise<RedisError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RedisError);
  return error as RedisError;
}

describe('the Worker Redis client against a misbehaving endpoint', () => {
  it('gives up after its timeout when the endpoint never answers', async () => {
    const silent = await endpoint();
    try {
      const redis = new RedisRest({ url: silent.url, token: 'tok', timeoutMs: 200 });
      expect((await failure(redis.get('k'))).message).toBe('Redis GET: no answer within 200 ms');
    } finally {
      await silent.close();
    }
  });

  it('names the status when the answer is not Upstash JSON (a proxy error page)', async () => {
    const proxy = await endpoint(() => ({ status: 502, body: '<html><title>502 Bad Gateway</title></html>' }));
    try {
      const redis = new RedisRest({ url: proxy.url, token: 'tok', timeoutMs: 10_000 });
      expect((await failure(redis.ping())).message).toBe('Redis PING: answered HTTP 502');
    } finally {
      await proxy.close();
    }
  });

  it('keeps the token out of an error that echoes the request', async () => {
    const token = `secret-${crypto.randomUUID()}`;
    const echo = await endpoint((authorization) => ({
      status: 401,
      body: JSON.stringify({ error: `WRONGPASS invalid token in "${authorization}"` }),
    }));
    try {
      const redis = new RedisRest({ url: echo.url, token, timeoutMs: 10_000 });
      const error = await failure(redis.set('k', 'v'));
      expect(error.message).toMatch(/^Redis SET: WRONGPASS invalid token/);
      expect(error.message).not.toContain(token);
    } finally {
      await echo.close();
    }
  });
});
