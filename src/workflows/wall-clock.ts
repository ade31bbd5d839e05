import type { WallClock } from './cron-expression.ts';

const WEEKDAY_NUMBERS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** What a wall clock in `timezone` shows at `at` (epoch ms). */
export function wallClock(timezone: string, at: number): WallClock {
  const clock: WallClock = { month: 0, day: 0, weekday: 0, hour: 0, minute: 0 };
  for (const part of formatterFor(timezone).formatToParts(at)) {
    if (part.type === 'weekday') clock.weekday = WEEKDAY_NUMBERS[part.value] ?? 0;
    else if (part.type === 'month' || part.type === 'day' || part.type === 'hour' || part.type === 'minute') {
      clock[part.type] = Number(part.value);
    }
  }
  return clock;
}

/** The zone's offset from UTC at `at`, in minutes (east positive). */
export function utcOffsetMinutes(timezone: string, at: number): number {
  const clock = wallClock(timezone, at);
  const utc = new Date(at);
  let days = clock.day - utc.getUTCDate();
  // Either side of a month's end the wall day and the UTC day differ by one, whatever the dates read.
  if (days > 1) days = -1;
  else if (days < -1) days = 1;
  return days * 1440 + clock.hour * 60 + clock.minute - (utc.getUTCHours() * 60 + utc.getUTCMinutes());
}

/** The wall clock of a UTC-based "wall epoch" (an instant plus its offset): plain arithmetic, no zone. */
export function wallOfEpoch(wall: number): WallClock {
  const date = new Date(wall);
  return {
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: date.getUTCDay(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  };
}
