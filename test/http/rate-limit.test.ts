import { describe, expect, it } from 'vitest';
import { createKey } from '../helpers/keys';
import { bearer, call, envWith, pause } from './rate-limit-helpers';

// Longer than the hold of a block drawn ahead (1 s for any window of 10 s or more).
const SPARSE_GAP_MS = 1_100;

describe('happy', () => {
  it('charges a client slower than one call a second exactly one token per call', async () => {
    const key = await createKey('readonly');
    const bindings = envWith({ RATE_LIMIT_REQUESTS: '600', RATE_LIMIT_WINDOW_SECONDS: '60' });
    const remaining: (number | null)[] = [];
    for (let i = 0; i < 4; i += 1) {
      if (i > 0) await pause(SPARSE_GAP_MS);
      const answer = await call(bindings, '/api/brains', { headers: bearer(key) });
      expect(answer.status).toBe(200);
      remaining.push(answer.remaining);
    }
    expect(remaining).toEqual([599, 598, 597, 596]);
  }, 30_000);

  it('charges a busy client one token per call, blocks drawn ahead included', async () => {
    const key = await createKey('readonly');
    const bindings = envWith({ RATE_LIMIT_REQUESTS: '600', RATE_LIMIT_WINDOW_SECONDS: '60' });
    const remaining: (number | null)[] = [];
    for (let i = 0; i < 40; i += 1) {
      const answer = await call(bindings, '/api/brains', { headers: bearer(key), settle: false });
      expect(answer.status).toBe(200);
      remaining.push(answer.remaining);
    }
    expect(remaining).toEqual(Array.from({ length: 40 }, (_, i) => 599 - i));
  }, 30_000);

  it('hands back the tokens a busy client drew ahead but did not use', async () => {
    const key = await createKey('readonly');
    // 300 a minute: blocks of up to 6 are drawn ahead for a busy client.
    const bindings = envWith({ RATE_LIMIT_REQUESTS: '300', RATE_LIMIT_WINDOW_SECONDS: '60' });
    const settled: Promise<void>[] = [];
    for (let i = 0; i < 20; i += 1) {
      const answer = await call(bindings, '/api/brains', { headers: bearer(key), settle: false });
      expect(answer.status).toBe(200);
      settled.push(answer.settled);
    }
    // Every hold has ended and its unused tokens went back; the next call, alone, asks Redis.
    await Promise.all(settled);
    await pause(SPARSE_GAP_MS);
    const after = await call(bindings, '/api/brains', { headers: bearer(key) });
    expect(after.remaining).toBe(300 - 21);
  }, 30_000);

  it('serves exactly the limit, then answers 429 with Retry-After', async () => {
    const key = await createKey('readonly');
    // 200 a day: blocks of 4 are drawn ahead while the one before still serves.
    const bindings = envWith({ RATE_LIMIT_REQUESTS: '200', RATE_LIMIT_WINDOW_SECONDS: '86400' });
    const statuses: number[] = [];
    const remaining: (number | null)[] = [];
    let retryAfter: number | null = null;
    for (let i = 0; i < 230; i += 1) {
      const answer = await call(bindings, '/api/brains', { headers: bearer(key), settle: false });
      statuses.push(answer.status);
      if (answer.status === 200) remaining.push(answer.remaining);
      else retryAfter = answer.retryAfter;
    }
    expect(statuses.slice(0, 200)).toEqual(Array(200).fill(200));
    expect(statuses.slice(200)).toEqual(Array(30).fill(429));
    expect(remaining).toEqual(Array.from({ length: 200 }, (_, i) => 199 - i));
    expect(retryAfter).toBeGreaterThan(0);
  }, 60_000);
});

describe('window boundary', () => {
  it('never lets more than the limit through in any window, across a window boundary', async () => {
    const key = await createKey('readonly');
    const limit = 20;
    const windowMs = 2_000;
    const bindings = envWith({ RATE_LIMIT_REQUESTS: String(limit), RATE_LIMIT_WINDOW_SECONDS: '2' });
    // Start the burst just before a multiple of the window, where a fixed or weighted window resets.
    const boundary = (Math.floor(Date.now() / windowMs) + 1) * windowMs;
    await pause(Math.max(0, boundary - 300 - Date.now()));
    const started = Date.now();
    const served: { sent: number; received: number }[] = [];
    let refused = 0;
    while (Date.now() < started + 2.5 * windowMs) {
      const sent = Date.now();
      const answer = await call(bindings, '/api/brains', { headers: bearer(key), settle: false });
      const received = Date.now();
      expect([200, 429]).toContain(answer.status);
      if (answer.status === 200) served.push({ sent, received });
      else refused += 1;
      // A burst of the whole limit first, then a steady client.
      if (served.length >= limit) await pause(20);
    }
    // The server served each call between its sent and received times. Calls sent after `a` was
    // answered and answered within a window of `a` being sent were all served in one window.
    for (const first of served) {
      const inWindow = served.filter(
        (other) => other === first || (other.sent >= first.received && other.received <= first.sent + windowMs),
      );
      expect(inWindow.length).toBeLessThanOrEqual(limit);
    }
    expect(refused).toBeGreaterThan(0);
    // Not starved either: the burst's window passed, and the client was served again.
    expect(served.length).toBeGreaterThan(limit);
  }, 30_000);
});
