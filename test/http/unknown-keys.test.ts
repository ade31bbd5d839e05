import { describe, expect, it } from 'vitest';
import { generateApiKey } from '../../src/auth/api-keys';
import { unknownKeyCache } from '../../src/auth/authenticate';
import { BoundedCache } from '../../src/lib/bounded-cache';
import { createKey, ownerKey } from '../helpers/keys';
import { bearer, call, envWith, freshAddress } from './rate-limit-helpers';

const FAILURES = 5;
const limits = { AUTH_FAILURES_PER_ADDRESS: String(FAILURES), RATE_LIMIT_WINDOW_SECONDS: '60' };
const limited = envWith(limits);
// A Postgres nobody listens on: any key lookup made with these bindings fails the call.
const noPostgres = envWith({ ...limits, DATABASE_URL: 'postgres://empire@127.0.0.1:1/empire' });

const statusOf = async (bindings: object, credential: string, address: string) =>
  (await call(bindings, '/api/brains', { headers: bearer(credential), address })).status;

describe('security', () => {
  it('limits unknown API keys per client address, before any key lookup', async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < FAILURES + 2; i += 1) statuses.push(await statusOf(limited, generateApiKey(), address));
    expect(statuses).toEqual([...Array(FAILURES).fill(401), 429, 429]);
    // Refused before the lookup: with Postgres gone, a lookup would not end in a 429.
    expect(await statusOf(noPostgres, generateApiKey(), address)).toBe(429);
    expect(await statusOf(noPostgres, generateApiKey(), freshAddress())).not.toBe(429);
    // Only failures count: a key that needs no lookup still works from that address.
    expect(await statusOf(limited, ownerKey, address)).toBe(200);
  });

  it('counts malformed keys and bad tokens against the address the same way', async () => {
    const address = freshAddress();
    const credentials = ['not-a-key', 'emp_short', 'aaaa.bbbb.cccc', `${generateApiKey()}!`, 'x.y.z', 'emp_'];
    const statuses: number[] = [];
    for (const credential of credentials) statuses.push(await statusOf(limited, credential, address));
    expect(statuses).toEqual([...Array(FAILURES).fill(401), 429]);
    expect(await statusOf(limited, 'not-a-key', freshAddress())).toBe(401);
  });

  it('charges an unknown key again when it comes back from the cache', async () => {
    const address = freshAddress();
    const key = generateApiKey();
    const statuses: number[] = [];
    for (let i = 0; i < FAILURES + 1; i += 1) statuses.push(await statusOf(limited, key, address));
    expect(statuses).toEqual([...Array(FAILURES).fill(401), 429]);
  });

  it('gives the charge back when a looked-up key is valid', async () => {
    const address = freshAddress();
    for (let i = 0; i < FAILURES + 1; i += 1) {
      expect(await statusOf(limited, await createKey('readonly'), address)).toBe(200);
    }
    const statuses: number[] = [];
    for (let i = 0; i < FAILURES + 1; i += 1) statuses.push(await statusOf(limited, generateApiKey(), address));
    expect(statuses).toEqual([...Array(FAILURES).fill(401), 429]);
  });

  it('keeps the cache of unknown keys bounded', async () => {
    const roomy = envWith({ AUTH_FAILURES_PER_ADDRESS: '100000' });
    const address = freshAddress();
    const keys = Array.from({ length: 300 }, () => generateApiKey());
    for (const key of keys) expect(await statusOf(roomy, key, address)).toBe(401);
    expect(unknownKeyCache.size).toBe(256);
  }, 60_000);
});

describe('bounded cache', () => {
  it('forgets the least recently used entry past its cap, and every entry past its age', () => {
    const cache = new BoundedCache<string, number>({ maxEntries: 2, ttlMs: 1_000 });
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    expect(cache.get('a', 10)).toBe(1);
    cache.set('c', 3, 20);
    expect(cache.size).toBe(2);
    expect(cache.get('b', 30)).toBeUndefined();
    expect(cache.get('a', 30)).toBe(1);
    expect(cache.get('c', 1_019)).toBe(3);
    expect(cache.get('c', 1_020)).toBeUndefined();
    expect(cache.get('a', 1_000)).toBeUndefined();
  });
});
