import { type CronExpression, dayMatches, parseCron, type WallClock } from './cron-expression.ts';
import { wallClock } from './wall-clock.ts';

export const MINUTE = 60_000;
/**
 * Every zone's offset and every daylight-saving shift is a whole number of quarter hours, so
 * within one UTC quarter hour the wall clock runs without a jump.
 */
export const QUARTER = 15 * MINUTE;
const MAX_SHIFT_MINUTES = 120;

const parsed = new Map<string, CronExpression>();

export function cronOf(expression: string): CronExpression {
  let cron = parsed.get(expression);
  if (!cron) {
    cron = parseCron(expression);
    parsed.set(expression, cron);
  }
  return cron;
}

export const minuteOfDay = (clock: WallClock) => clock.hour * 60 + clock.minute;

export const clockMatches = (cron: CronExpression, clock: WallClock) =>
  cron.minutes.has(clock.minute) && cron.hours.has(clock.hour) && dayMatches(cron, clock);

/** When the clocks go back, a wall minute comes twice; a schedule at set hours takes it the first time only. */
export function isRepeat(cron: CronExpression, timezone: string, at: number, clock: WallClock): boolean {
  if (!cron.hoursRestricted) return false;
  return [30, 60].some((minutes) => {
    const earlier = wallClock(timezone, at - minutes * MINUTE);
    return earlier.day === clock.day && earlier.hour === clock.hour && earlier.minute === clock.minute;
  });
}

/**
 * When the clocks go forward, the wall minutes they skip run at the first instant after the jump
 * for a schedule at set hours (a 02:30 schedule runs at 03:00 that night), as in croner and
 * Vixie cron. Jumps happen on quarter hours, so only those instants are checked.
 */
function takesSkippedSlot(cron: CronExpression, timezone: string, at: number, clock: WallClock): boolean {
  if (!cron.hoursRestricted || at % QUARTER !== 0) return false;
  const skipped = (minuteOfDay(clock) - minuteOfDay(wallClock(timezone, at - MINUTE)) + 1440 - 1) % 1440;
  // The clocks going back read as a jump of nearly a day forward: nothing is skipped then.
  if (skipped > MAX_SHIFT_MINUTES) return false;
  for (let back = 1; back <= skipped && back <= minuteOfDay(clock); back += 1) {
    const minute = minuteOfDay(clock) - back;
    if (clockMatches(cron, { ...clock, hour: Math.floor(minute / 60), minute: minute % 60 })) return true;
  }
  return false;
}

/** Whether `at` (a whole minute) is a slot, read on the zone's own clock: exact across any change. */
export function isSlot(cron: CronExpression, timezone: string, at: number): boolean {
  const clock = wallClock(timezone, at);
  if (clockMatches(cron, clock) && !isRepeat(cron, timezone, at, clock)) return true;
  return takesSkippedSlot(cron, timezone, at, clock);
}

const nextQuarter = (at: number) => Math.floor(at / QUARTER) * QUARTER + QUARTER;

/** The first slot in [from, until), asking the zone at every step: for the days the clocks change. */
export function slotAcrossChange(cron: CronExpression, timezone: string, from: number, until: number) {
  for (let at = from; at < until; ) {
    if (isSlot(cron, timezone, at)) return at;
    const clock = wallClock(timezone, at);
    at = dayMatches(cron, clock) && cron.hours.has(clock.hour) ? at + MINUTE : nextQuarter(at);
  }
  return undefined;
}
