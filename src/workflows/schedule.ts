import { type CronExpression, dayMatches } from './cron-expression.ts';
import {
  clockMatches,
  cronOf,
  isRepeat,
  isSlot,
  MINUTE,
  minuteOfDay,
  QUARTER,
  slotAcrossChange,
} from './slot-rules.ts';
import { utcOffsetMinutes, wallOfEpoch } from './wall-clock.ts';

/**
 * The Worker's one Cron Trigger (wrangler.toml). Cron Triggers fire in UTC only, so the
 * workflows' schedules are not triggers of their own: every five minutes the Worker starts
 * whatever is due in the schedule's time zone, and sweeps.
 */
export const SCHEDULE_TRIGGER = '*/5 * * * *';

/**
 * A tick starts a schedule's latest slot up to this long after it, so a tick the platform skips
 * or delays loses nothing; a slot is one run (its id comes from the slot), however many ticks see it.
 */
export const SLOT_LOOKBACK_MS = 15 * 60_000;

const SECOND = 1_000;
const DAY = 86_400_000;
/** Slots are searched this far ahead; a schedule with none (30 February) has no next slot. */
const SEARCH_LIMIT_MS = 5 * 366 * DAY;

/** The first wall minute at or after `wall` (a wall epoch) within its wall day that `cron` matches. */
function firstInWallDay(cron: CronExpression, wall: number): number | undefined {
  const clock = wallOfEpoch(wall);
  if (!dayMatches(cron, clock)) return undefined;
  const dayStart = wall - minuteOfDay(clock) * MINUTE;
  for (let hour = clock.hour; hour < 24; hour += 1) {
    if (!cron.hours.has(hour)) continue;
    for (let minute = hour === clock.hour ? clock.minute : 0; minute < 60; minute += 1) {
      if (cron.minutes.has(minute)) return dayStart + (hour * 60 + minute) * MINUTE;
    }
  }
  return undefined;
}

/**
 * The latest slot (epoch ms) of `cron` in `timezone` at or before `at` and within the lookback.
 * Away from a daylight-saving change the zone is asked twice and the rest is arithmetic.
 */
export function dueSlot(cron: string, timezone: string, at: number): number | undefined {
  const expression = cronOf(cron);
  // A tick a moment early still takes its own minute's slot.
  const latest = Math.floor((at + SECOND - 1) / MINUTE) * MINUTE;
  const offset = utcOffsetMinutes(timezone, latest) * MINUTE;
  const steady = offset === utcOffsetMinutes(timezone, at - SLOT_LOOKBACK_MS) * MINUTE;
  for (let slot = latest; slot > at - SLOT_LOOKBACK_MS; slot -= MINUTE) {
    if (!steady) {
      if (isSlot(expression, timezone, slot)) return slot;
      continue;
    }
    const clock = wallOfEpoch(slot + offset);
    if (clockMatches(expression, clock) && !isRepeat(expression, timezone, slot, clock)) return slot;
  }
  return undefined;
}

/** The first slot (epoch ms) of `cron` in `timezone` at or after `from`; a wall day at a time. */
export function nextSlot(cron: string, timezone: string, from: number): number {
  const expression = cronOf(cron);
  let at = Math.ceil((from - SECOND + 1) / MINUTE) * MINUTE;
  while (at < from + SEARCH_LIMIT_MS) {
    const offset = utcOffsetMinutes(timezone, at) * MINUTE;
    const wall = at + offset;
    const dayEnd = Math.floor(wall / DAY) * DAY + DAY - offset;
    const changes = [at - MINUTE, dayEnd - MINUTE].some((t) => utcOffsetMinutes(timezone, t) * MINUTE !== offset);
    if (changes) {
      // The clocks change as this wall day starts or before it ends: ask the zone minute by minute.
      const until = dayEnd + 8 * QUARTER;
      const slot = slotAcrossChange(expression, timezone, at, until);
      if (slot !== undefined) return slot;
      at = until;
      continue;
    }
    const candidate = firstInWallDay(expression, wall);
    if (candidate === undefined) {
      at = dayEnd;
      continue;
    }
    const slot = candidate - offset;
    if (!isRepeat(expression, timezone, slot, wallOfEpoch(candidate))) return slot;
    at = slot + MINUTE;
  }
  throw new Error(`the schedule ${cron} has no next slot`);
}

/** Undefined when `timezone` is an IANA zone the runtime knows, else what is wrong. */
export function timezoneProblem(timezone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return undefined;
  } catch {
    return `${timezone} is not a time zone (use an IANA name such as Europe/Berlin)`;
  }
}
