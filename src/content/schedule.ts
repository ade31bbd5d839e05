import type { Slot } from '../config/content-config';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The channel's slot times at or after `from`, in order, for up to `days` days. */
export function* slotTimes(slots: readonly Slot[], from: number, days = 120): Generator<number> {
  const firstDay = Math.floor(from / DAY_MS) * DAY_MS;
  const minutes = [...slots].sort((a, b) => a.minuteOfDay - b.minuteOfDay);
  for (let day = 0; day < days; day += 1) {
    const midnight = firstDay + day * DAY_MS;
    const weekday = new Date(midnight).getUTCDay();
    for (const slot of minutes) {
      if (slot.weekday !== undefined && slot.weekday !== weekday) continue;
      const at = midnight + slot.minuteOfDay * MINUTE_MS;
      if (at >= from) yield at;
    }
  }
}
