import { Cron } from 'croner';

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

/** The latest slot (epoch ms) of `cron` in `timezone` at or before `at` and within the lookback. */
export function dueSlot(cron: string, timezone: string, at: number): number | undefined {
  const [slot] = new Cron(cron, { timezone }).previousRuns(1, new Date(at + SECOND));
  const time = slot?.getTime();
  return time !== undefined && time > at - SLOT_LOOKBACK_MS ? time : undefined;
}

/** The first slot (epoch ms) of `cron` in `timezone` at or after `from`. */
export function nextSlot(cron: string, timezone: string, from: number): number {
  const next = new Cron(cron, { timezone }).nextRun(new Date(from - SECOND));
  if (!next) throw new Error(`the schedule ${cron} has no next slot`);
  return next.getTime();
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
