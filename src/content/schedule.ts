import type { Slot } from '../config/content-config';
import { addDays, dateKey, localDate, weekdayOf, zonedInstant } from './zoned-time';

/** When a channel posts: its slots, read in `timezone`, and at most `dailyCap` posts a local day. */
export interface PostingPlan {
  slots: readonly Slot[];
  timezone: string;
  /** Undefined: as many as the day has slots. */
  dailyCap?: number;
}

export interface SlotTime {
  at: number;
  /** The local date (YYYY-MM-DD in the plan's zone) the slot falls on: the day its cap counts. */
  day: string;
}

/** The plan's slot times at or after `from`, in order, for up to `days` local days. */
export function* slotTimes(plan: Omit<PostingPlan, 'dailyCap'>, from: number, days = 120): Generator<SlotTime> {
  const first = localDate(from, plan.timezone);
  const minutes = [...plan.slots].sort((a, b) => a.minuteOfDay - b.minuteOfDay);
  for (let offset = 0; offset < days; offset += 1) {
    const date = addDays(first, offset);
    const weekday = weekdayOf(date);
    for (const slot of minutes) {
      if (slot.weekday !== undefined && slot.weekday !== weekday) continue;
      const at = zonedInstant(date, slot.minuteOfDay, plan.timezone);
      if (at >= from) yield { at, day: dateKey(date) };
    }
  }
}

/** The local date (YYYY-MM-DD) of `at` in `timezone`. */
export const localDay = (at: number, timezone: string) => dateKey(localDate(at, timezone));

/** The local day `at` falls on, as [its start, the next day's start). */
export function localDayBounds(at: number, timezone: string): readonly [number, number] {
  const date = localDate(at, timezone);
  return [zonedInstant(date, 0, timezone), zonedInstant(addDays(date, 1), 0, timezone)];
}

/** The start of the local day `at` falls on, a lower bound for the posts its cap counts. */
export const startOfLocalDay = (at: number, timezone: string) => zonedInstant(localDate(at, timezone), 0, timezone);
