import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { CronSyntaxError, parseCron } from '../../src/workflows/cron-expression';
import { dueSlot, nextSlot, SLOT_LOOKBACK_MS } from '../../src/workflows/schedule';
import { wallClock } from '../../src/workflows/wall-clock';

const expressions = [
  '30 2 * * *',
  '0 6 * * *',
  '*/5 * * * *',
  '0 */6 * * *',
  '0 10 * * SUN',
  '15,45 9-17 * * MON-FRI',
  '0 0 1 * *',
  '0 12 15 JAN,JUL *',
  '5-59/20 3 * * 7',
  '0 4 1 * MON',
  '30 1 * * *',
];
const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham'];

/** Instants spread over two years, daylight-saving weeks included, from a fixed seed. */
function instants(count: number): number[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, () => start + Math.floor(random() * 730 * 86_400) * 1000);
}

const HOUR = 3_600_000;
const offsetAt = (timezone: string, at: number) => {
  const clock = wallClock(timezone, at);
  return (
    (clock.hour * 60 + clock.minute - new Date(at).getUTCHours() * 60 - new Date(at).getUTCMinutes() + 1440) % 1440
  );
};

/** Every seventeen minutes through the eight hours either side of each of 2026's daylight-saving changes. */
function aroundChanges(timezone: string): number[] {
  const near: number[] = [];
  for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += HOUR) {
    if (offsetAt(timezone, at) === offsetAt(timezone, at + HOUR)) continue;
    for (let t = at - 8 * HOUR; t < at + 8 * HOUR; t += 17 * 60_000) near.push(t);
  }
  return near;
}

/** croner, the library the schedule used before, is the reference. */
const reference = (cron: string, timezone: string) => new Cron(cron, { timezone, legacyMode: true });

/**
 * croner sometimes takes the second time a wall minute comes round when the clocks go back (it
 * did for Chatham's 03:05 in 2026, not for New York's 01:30); a schedule at set hours here takes
 * only the first, so those answers are expected to differ.
 */
function takesRepeat(cron: string, timezone: string, slot: number | undefined): boolean {
  if (slot === undefined || cron.split(' ')[1] === '*') return false;
  const clock = wallClock(timezone, slot);
  return [30, 60].some((minutes) => {
    const earlier = wallClock(timezone, slot - minutes * 60_000);
    return earlier.day === clock.day && earlier.hour === clock.hour && earlier.minute === clock.minute;
  });
}

describe('the workflow schedule', { timeout: 60_000 }, () => {
  it.each(zones)('finds the same next slot as croner in %s', (timezone) => {
    for (const cron of expressions) {
      for (const from of [...instants(25), ...aroundChanges(timezone)]) {
        const expected = reference(cron, timezone)
          .nextRun(new Date(from - 1000))
          ?.getTime();
        const slot = nextSlot(cron, timezone, from);
        if (takesRepeat(cron, timezone, expected)) expect(slot).toBeGreaterThan(expected as number);
        else expect({ cron, from, slot }).toEqual({ cron, from, slot: expected });
      }
    }
  });

  it.each(zones)('finds the same due slot as croner in %s', (timezone) => {
    for (const cron of expressions) {
      for (const at of [...instants(25), ...aroundChanges(timezone)]) {
        const [previous] = reference(cron, timezone).previousRuns(1, new Date(at + 1000));
        const time = previous?.getTime();
        const expected = time !== undefined && time > at - SLOT_LOOKBACK_MS ? time : undefined;
        const slot = dueSlot(cron, timezone, at);
        if (takesRepeat(cron, timezone, expected)) expect(slot).not.toBe(expected);
        else expect({ cron, at, slot }).toEqual({ cron, at, slot: expected });
      }
    }
  });

  it('starts a slot on its own tick and up to the lookback after it, never before', () => {
    const slot = Date.UTC(2026, 5, 1, 6, 0);
    expect(dueSlot('0 6 * * *', 'UTC', slot)).toBe(slot);
    expect(dueSlot('0 6 * * *', 'UTC', slot - 500)).toBe(slot);
    expect(dueSlot('0 6 * * *', 'UTC', slot + SLOT_LOOKBACK_MS - 60_000)).toBe(slot);
    expect(dueSlot('0 6 * * *', 'UTC', slot + SLOT_LOOKBACK_MS)).toBeUndefined();
    expect(dueSlot('0 6 * * *', 'UTC', slot - 60_000)).toBeUndefined();
  });

  it('reads the schedule on the wall clock across a daylight-saving change', () => {
    // Berlin moves from UTC+1 to UTC+2 on 29 March 2026.
    expect(nextSlot('0 6 * * *', 'Europe/Berlin', Date.UTC(2026, 2, 28, 12))).toBe(Date.UTC(2026, 2, 29, 4));
    expect(nextSlot('0 6 * * *', 'Europe/Berlin', Date.UTC(2026, 2, 27, 12))).toBe(Date.UTC(2026, 2, 28, 5));
  });

  it('runs a slot the clocks skip once, after the jump, and a slot they repeat once', () => {
    // New York skips 02:00–03:00 on 8 March 2026 and repeats 01:00–02:00 on 1 November.
    expect(nextSlot('30 2 * * *', 'America/New_York', Date.UTC(2026, 2, 8, 5))).toBe(Date.UTC(2026, 2, 8, 7));
    const first = nextSlot('30 1 * * *', 'America/New_York', Date.UTC(2026, 10, 1, 4));
    expect(first).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(nextSlot('30 1 * * *', 'America/New_York', first + 60_000)).toBe(Date.UTC(2026, 10, 2, 6, 30));
    expect(dueSlot('30 1 * * *', 'America/New_York', Date.UTC(2026, 10, 1, 6, 30))).toBeUndefined();
  });

  it('refuses an expression it cannot read, naming the field', () => {
    expect(() => parseCron('0 6 * *')).toThrow(CronSyntaxError);
    expect(() => parseCron('61 * * * *')).toThrow(/not a minute/);
    expect(() => parseCron('0 6 * FOO *')).toThrow(/not a month/);
    expect(() => parseCron('0 6-2 * * *')).toThrow(/backwards/);
    expect(() => parseCron('*/0 * * * *')).toThrow(/bad step/);
    expect(() => parseCron('5/20 * * * *')).toThrow(/step a range/);
  });

  it('has no next slot for a day that never comes', () => {
    expect(() => nextSlot('0 0 30 2 *', 'UTC', Date.UTC(2026, 0, 1))).toThrow(/no next slot/);
  });
});
