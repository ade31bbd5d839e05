import { parseLabel } from '../src/budget/scopes';
import type { ScopeUsage } from '../src/budget/types';
import { type WindowKind, windowKey, windowKinds } from '../src/budget/windows';

/** Each scope's usage in the current day and month windows, with its cap: what /api/budget shows. */
export function usageReport(sql: SqlStorage, now: number): ScopeUsage[] {
  const keys = windowKinds.map((kind) => windowKey(kind, now));
  const rows = sql
    .exec<{ window_key: string; scope: string; spent_micros: number; reserved_micros: number; calls: number }>(
      'select * from usage where window_key in (?, ?)',
      keys[0],
      keys[1],
    )
    .toArray();
  const capRows = sql.exec<{ scope: string; window: WindowKind; cap_micros: number }>('select * from caps').toArray();
  const result = new Map<string, ScopeUsage>();
  for (const cap of capRows) {
    const key = windowKey(cap.window, now);
    result.set(`${key}|${cap.scope}`, {
      scope: parseLabel(cap.scope),
      window: cap.window,
      windowKey: key,
      capMicros: cap.cap_micros,
      spentMicros: 0,
      reservedMicros: 0,
      calls: 0,
    });
  }
  for (const row of rows) {
    const window: WindowKind = row.window_key.startsWith('day:') ? 'day' : 'month';
    const entry = result.get(`${row.window_key}|${row.scope}`) ?? {
      scope: parseLabel(row.scope),
      window,
      windowKey: row.window_key,
      capMicros: null,
      spentMicros: 0,
      reservedMicros: 0,
      calls: 0,
    };
    result.set(`${row.window_key}|${row.scope}`, {
      ...entry,
      spentMicros: row.spent_micros,
      reservedMicros: row.reserved_micros,
      calls: row.calls,
    });
  }
  return [...result.values()];
}
