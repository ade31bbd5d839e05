const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface LocalDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let found = formatters.get(timezone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, found);
  }
  return found;
}

/** The wall-clock fields of `at` in `timezone`. */
function wallClock(at: number, timezone: string) {
  const parts: Record<string, number> = {};
  for (const part of formatter(timezone).formatToParts(new Date(at)))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** How far `timezone` is ahead of UTC at `at`, in ms. */
function offsetAt(at: number, timezone: string): number {
  const wall = wallClock(at, timezone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

export function localDate(at: number, timezone: string): LocalDate {
  const { year, month, day } = wallClock(at, timezone);
  return { year, month, day };
}

/** The date `days` after `date` (calendar arithmetic, no time zone involved). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

export const weekdayOf = (date: LocalDate) => new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();

export const dateKey = (date: LocalDate) =>
  `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;

/**
 * The instant the wall clock in `timezone` shows `minuteOfDay` on `date`. A time a daylight-saving
 * jump skips lands after the jump.
 */
export function zonedInstant(date: LocalDate, minuteOfDay: number, timezone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE_MS;
  return wall - offsetAt(wall - offsetAt(wall, timezone), timezone);
}
