import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPortOpen } from '../../local-stack/services/ports.ts';
import type { UpstashBridgeHandle } from '../../local-stack/services/upstash-bridge.ts';
import { startUpstashBridge } from '../../local-stack/services/upstash-bridge.ts';

const TOKEN = 'test-token';
const REDIS_URL = 'redis://127.0.0.1:6379';
const redisUp = await isPortOpen('127.0.0.1', 6379, 500);

type Encoding = false | 'base64';

function client(bridge: UpstashBridgeHandle, encoding: Encoding, token = TOKEN): Redis {
  return new Redis({ url: bridge.url, token, responseEncoding: encoding, retry: false, enableTelemetry: false });
}

const backends: { name: string; redisUrl?: string; skip: boolean }[] = [
  { name: 'memory', skip: false },
  { name: 'redis', redisUrl: REDIS_URL, skip: !redisUp },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`upstash bridge (${backend.name})`, () => {
    let bridge: UpstashBridgeHandle;
    const prefix = `ls-test:${process.pid}:${Date.now()}:`;

    beforeAll(async () => {
      bridge = await startUpstashBridge({ port: 0, token: TOKEN, redisUrl: backend.redisUrl });
    });
    afterAll(async () => {
      if (backend.redisUrl) {
        const keys = await client(bridge, false).keys(`${prefix}*`);
        if (keys.length > 0) await client(bridge, false).del(...keys);
      }
      await bridge?.close();
    });

    it('reports its backend and a loopback url', () => {
      expect(bridge.backend).toBe(backend.name);
      expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}`);
    });

    for (const encoding of ['base64', false] as const) {
      describe(`responseEncoding=${String(encoding)}`, () => {
        const k = (name: string): string => `${prefix}${String(encoding)}:${name}`;

        it('set with EX, get, ttl', async () => {
          const redis = client(bridge, encoding);
          expect(await redis.set(k('s'), 'héllo wörld', { ex: 60 })).toBe('OK');
          expect(await redis.get(k('s'))).toBe('héllo wörld');
          const ttl = await redis.ttl(k('s'));
          expect(ttl).toBeGreaterThan(50);
          expect(ttl).toBeLessThanOrEqual(60);
          await redis.set(k('obj'), { a: 1, b: ['x'] });
          expect(await redis.get(k('obj'))).toEqual({ a: 1, b: ['x'] });
          expect(await redis.get(k('missing'))).toBeNull();
        });

        it('incr', async () => {
          const redis = client(bridge, encoding);
          expect(await redis.incr(k('n'))).toBe(1);
          expect(await redis.incrby(k('n'), 41)).toBe(42);
        });

        it('pipeline returns results in order', async () => {
          const redis = client(bridge, encoding);
          const p = redis.pipeline();
          p.set(k('p'), 'v1');
          p.get(k('p'));
          p.incr(k('pn'));
          p.incr(k('pn'));
          expect(await p.exec()).toEqual(['OK', 'v1', 1, 2]);
        });

        it('multi-exec runs a transaction', async () => {
          const redis = client(bridge, encoding);
          const tx = redis.multi();
          tx.set(k('m'), '10');
          tx.incrby(k('m'), 5);
          tx.get(k('m'));
          expect(await tx.exec()).toEqual(['OK', 15, 15]);
        });

        it('hgetall returns an object', async () => {
          const redis = client(bridge, encoding);
          await redis.hset(k('h'), { name: 'empire', count: 3 });
          expect(await redis.hgetall(k('h'))).toEqual({ name: 'empire', count: 3 });
        });

        it('eval, evalsha and script load', async () => {
          const redis = client(bridge, encoding);
          const script = "return redis.call('INCRBY', KEYS[1], ARGV[1])";
          expect(await redis.eval(script, [k('e')], ['7'])).toBe(7);
          const sha = await redis.scriptLoad(`#!lua\n${script}`);
          expect(sha).toMatch(/^[0-9a-f]{40}$/);
          expect(await redis.evalsha(sha, [k('e')], ['3'])).toBe(10);
          await expect(redis.evalsha('0'.repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);
        });

        it('runs a rate-limit style script through EVALSHA', async () => {
          const redis = client(bridge, encoding);
          // The shape @upstash/ratelimit's window scripts rely on: nil GET as false, INCRBY + PEXPIRE, a table reply.
          const script = `#!lua
            local previous = redis.call('GET', KEYS[2])
            if previous == false then previous = 0 end
            local used = redis.call('INCRBY', KEYS[1], ARGV[1])
            if used == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return {used + tonumber(previous), redis.call('PTTL', KEYS[1])}`;
          const sha = await redis.scriptLoad(script);
          const results: [number, number][] = [];
          for (let i = 0; i < 3; i++) results.push(await redis.evalsha(sha, [k('rl'), k('rl-prev')], ['1', '60000']));
          expect(results.map(([used]) => used)).toEqual([1, 2, 3]);
          for (const [, ttl] of results) {
            expect(ttl).toBeGreaterThan(59_000);
            expect(ttl).toBeLessThanOrEqual(60_000);
          }
          await redis.set(k('rl-prev'), '5');
          expect(
            (await redis.evalsha<string[], [number, number]>(sha, [k('rl'), k('rl-prev')], ['1', '60000']))[0],
          ).toBe(9);
        });

        it('returns command errors as ERR with status 400', async () => {
          const res = await fetch(bridge.url, {
            method: 'POST',
            headers: { authorization: `Bearer ${TOKEN}` },
            body: JSON.stringify(['nosuchcommand', 'x']),
          });
          expect(res.status).toBe(400);
          const body = (await res.json()) as { error: string };
          expect(body.error).toMatch(/^ERR unknown command/);
        });
      });
    }

    it('keeps a failing pipeline command in its own slot', async () => {
      const res = await fetch(`${bridge.url}/pipeline`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify([['SET', `${prefix}pl`, 'a'], ['NOSUCH'], ['GET', `${prefix}pl`]]),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { result?: unknown; error?: string }[];
      expect(body[0]).toEqual({ result: 'OK' });
      expect(body[1]?.error).toMatch(/^ERR unknown command/);
      expect(body[2]).toEqual({ result: 'a' });
    });

    it('rejects a wrong token with 401', async () => {
      const res = await fetch(bridge.url, {
        method: 'POST',
        body: '["PING"]',
        headers: { authorization: 'Bearer nope' },
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'Unauthorized' });
      await expect(client(bridge, 'base64', 'wrong').get(`${prefix}x`)).rejects.toThrow(/Unauthorized/);
    });

    it('base64-encodes string results only when asked', async () => {
      const call = async (headers: Record<string, string>): Promise<unknown> => {
        const res = await fetch(bridge.url, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, ...headers },
          body: JSON.stringify(['ECHO', 'hi']),
        });
        return res.json();
      };
      expect(await call({})).toEqual({ result: 'hi' });
      expect(await call({ 'Upstash-Encoding': 'base64' })).toEqual({ result: Buffer.from('hi').toString('base64') });
    });
  });
}
