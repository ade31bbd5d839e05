/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week) as the workflows
 * declare them: numbers, `*`, ranges `a-b`, steps `*\/n` and `a-b/n` (not `a/n`, which readers take
 * differently), lists, and the English
 * names of months and weekdays (`JAN`, `SUN`; 7 is Sunday too). When both day fields are
 * restricted a day matches either, as in Vixie cron.
 */
export interface CronExpression {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  days: ReadonlySet<number>;
  months: ReadonlySet<number>;
  weekdays: ReadonlySet<number>;
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
  /** A schedule at set hours keeps to one run a day across daylight-saving changes; `*` hours run on the new clock. */
  hoursRestricted: boolean;
}

/** A wall-clock reading: month 1–12, weekday 0–6 with 0 for Sunday. */
export interface WallClock {
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** The first name's number: months count from 1, weekdays from 0. */
  namesFrom?: number;
}

const FIELDS: readonly FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: 'day of week', min: 0, max: 7, names: WEEKDAYS, namesFrom: 0 },
];

export class CronSyntaxError extends Error {
  override name = 'CronSyntaxError';
}

function fieldValue(token: string, rule: FieldRule, expression: string): number {
  const named = rule.names?.indexOf(token.toUpperCase()) ?? -1;
  const value = named >= 0 ? named + (rule.namesFrom ?? 0) : /^\d+$/.test(token) ? Number(token) : Number.NaN;
  if (!Number.isInteger(value) || value < rule.min || value > rule.max) {
    throw new CronSyntaxError(`${expression}: ${token} is not a ${rule.name} (${rule.min}–${rule.max})`);
  }
  return value;
}

function parseField(text: string, rule: FieldRule, expression: string): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new CronSyntaxError(`${expression}: bad step in ${part}`);
    let [from, to] = [rule.min, rule.max];
    if (range !== '*') {
      const [low = '', high] = range.split('-');
      from = fieldValue(low, rule, expression);
      if (high === undefined && stepText !== undefined) {
        throw new CronSyntaxError(`${expression}: step a range or *, not ${part}`);
      }
      to = high === undefined ? from : fieldValue(high, rule, expression);
      if (to < from) throw new CronSyntaxError(`${expression}: ${range} runs backwards`);
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

export function parseCron(expression: string): CronExpression {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new CronSyntaxError(`${expression}: expected five fields`);
  const [minutes, hours, days, months, weekdays] = fields.map((field, index) =>
    parseField(field, FIELDS[index] as FieldRule, expression),
  ) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  if (weekdays.delete(7)) weekdays.add(0);
  return {
    minutes,
    hours,
    days,
    months,
    weekdays,
    daysRestricted: fields[2] !== '*',
    weekdaysRestricted: fields[4] !== '*',
    hoursRestricted: fields[1] !== '*',
  };
}

export function dayMatches(cron: CronExpression, clock: WallClock): boolean {
  if (!cron.months.has(clock.month)) return false;
  const byDay = cron.days.has(clock.day);
  const byWeekday = cron.weekdays.has(clock.weekday);
  if (cron.daysRestricted && cron.weekdaysRestricted) return byDay || byWeekday;
  return byDay && byWeekday;
}
