import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Outage } from '../../src/lib/outage';
import { RedisRest } from '../../src/lib/redis-rest';
import { createLogger } from '../../src/observability/logger';
import { ClientLimiter } from '../../src/ratelimit/client-limiter';
import type { LimiterScope } from '../../src/ratelimit/limiter-state';
import { RedisWindowStore } from '../../src/ratelimit/redis-window';
import type { WindowSpec } from '../../src/ratelimit/window';

// The limiter against the test run's real Redis, on a clock the test moves: two limiters stand
// for two isolates serving one client, with blocks drawn ahead and handed back.
const redis = new RedisRest({
  url: env.UPSTASH_REDIS_REST_URL,
  token: env.UPSTASH_REDIS_REST_TOKEN,
  timeoutMs: 10_000,
});

/** A small seeded generator, so a failing schedule can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** The most admissions in any span of `windowMs`. */
function busiestWindow(admitted: number[], windowMs: number): number {
  const times = [...admitted].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

async function simulate(spec: WindowSpec, seed: number, steps: number, shared = true) {
  const next = random(seed);
  let now = 1_800_000_000_000 + Math.floor(next() * spec.windowMs);
  const first = new ClientLimiter(() => now);
  // Without Redis each isolate keeps its own limit, so one isolate is the whole client.
  const isolates = shared ? [first, new ClientLimiter(() => now)] : [first, first];
  const background: Promise<unknown>[] = [];
  const scope: LimiterScope = {
    shared: shared ? { store: new RedisWindowStore(redis), outage: new Outage('redis', 5_000) } : undefined,
    log: createLogger({}, () => {}),
    background: (work) => background.push(work),
  };
  const identifier = `simulated:${crypto.randomUUID()}`;
  const admitted: number[] = [];
  let refused = 0;
  for (let step = 0; step < steps; step += 1) {
    // Mostly about four times faster than the limit allows, now and then a pause around a hold
    // (so blocks run out and are handed back), and once, halfway, a whole window of silence.
    const roll = next();
    const hold = Math.min(1_000, spec.windowMs / 10);
    now += roll < 0.99 ? Math.floor((next() * spec.windowMs) / (2 * spec.limit)) : Math.floor(next() * 1.5 * hold);
    if (step === steps / 2) now += spec.windowMs;
    const isolate = isolates[next() < 0.5 ? 0 : 1] as ClientLimiter;
    const decision = await isolate.check(identifier, spec, scope);
    if (decision.allowed) admitted.push(now);
    else refused += 1;
    // Blocks drawn ahead land at once or some calls later.
    if (next() < 0.3) await Promise.all(background.splice(0));
  }
  await Promise.all(background);
  return { admitted, refused };
}

describe('window', () => {
  for (const [spec, seed] of [
    [{ limit: 500, windowMs: 10_000 }, 7],
    [{ limit: 60, windowMs: 2_000 }, 11],
    [{ limit: 1_000, windowMs: 60_000 }, 23],
  ] as const) {
    it(`never admits more than ${spec.limit} in any ${spec.windowMs} ms, over two isolates`, async () => {
      const { admitted, refused } = await simulate(spec, seed, 3_000);
      expect(busiestWindow(admitted, spec.windowMs)).toBeLessThanOrEqual(spec.limit);
      // The client was held at the limit and then served again: the test saw both sides of it.
      expect(refused).toBeGreaterThan(0);
      expect(admitted.length).toBeGreaterThan(spec.limit);
    }, 60_000);
  }

  it('holds the limit the same way in one isolate while Redis is down', async () => {
    const spec = { limit: 100, windowMs: 5_000 };
    const { admitted, refused } = await simulate(spec, 5, 3_000, false);
    expect(busiestWindow(admitted, spec.windowMs)).toBeLessThanOrEqual(spec.limit);
    expect(refused).toBeGreaterThan(0);
    expect(admitted.length).toBeGreaterThan(spec.limit);
  });
});
