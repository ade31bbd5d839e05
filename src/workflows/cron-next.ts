const DAY_NAMES: Record<string, number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };

/** The values one cron field allows: `*`, `*\/n`, `a`, `a-b`, `a-b/n`, lists, and day names. */
function values(field: string, min: number, max: number): Set<number> {
  const allowed = new Set<number>();
  for (const part of field.toUpperCase().split(',')) {
    const [range = '*', stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    const named = (text: string) => DAY_NAMES[text] ?? Number(text);
    let [low, high] = range === '*' ? [min, max] : range.split('-').map(named);
    if (low === undefined || Number.isNaN(low)) throw new Error(`cannot read cron field ${field}`);
    high ??= stepText && range !== '*' ? max : low;
    for (let value = low; value <= (high ?? low); value += step) allowed.add(value === 7 && max === 6 ? 0 : value);
  }
  return allowed;
}

/** The next minute (epoch ms, UTC) at or after `from` that a five-field cron expression matches. */
export function nextRun(cron: string, from: number): number {
  const [minute = '*', hour = '*', dayOfMonth = '*', month = '*', dayOfWeek = '*'] = cron.trim().split(/\s+/);
  const minutes = values(minute, 0, 59);
  const hours = values(hour, 0, 23);
  const days = values(dayOfMonth, 1, 31);
  const months = values(month, 1, 12);
  const weekdays = values(dayOfWeek, 0, 6);
  // Standard cron: when both day fields are restricted, either may match.
  const bothDays = dayOfMonth !== '*' && dayOfWeek !== '*';
  const start = new Date(from);
  start.setUTCSeconds(0, 0);
  if (start.getTime() < from) start.setUTCMinutes(start.getUTCMinutes() + 1);
  for (let at = start.getTime(), steps = 0; steps < 366 * 24 * 60; at += 60_000, steps += 1) {
    const date = new Date(at);
    const dayMatches = bothDays
      ? days.has(date.getUTCDate()) || weekdays.has(date.getUTCDay())
      : days.has(date.getUTCDate()) && weekdays.has(date.getUTCDay());
    if (
      minutes.has(date.getUTCMinutes()) &&
      hours.has(date.getUTCHours()) &&
      months.has(date.getUTCMonth() + 1) &&
      dayMatches
    )
      return at;
  }
  throw new Error(`${cron} never runs within a year`);
}
