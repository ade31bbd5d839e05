import { parseLabel } from '../src/budget/scopes';
import type { BudgetAlert } from '../src/budget/types';
import type { WindowKind } from '../src/budget/windows';
import type { BudgetStore, LeaseRow } from './budget-store';

const THRESHOLDS = [50, 80, 100] as const;

/** Fires each threshold of each cap once per window, and the P1 line on global daily spend. */
export function evaluateAlerts(
  store: BudgetStore,
  scopes: string[],
  lease: Pick<LeaseRow, 'day_key' | 'month_key'>,
  p1DailyMicros: number,
): BudgetAlert[] {
  const fired: BudgetAlert[] = [];
  const now = Date.now();
  const windows: [WindowKind, string][] = [
    ['day', lease.day_key],
    ['month', lease.month_key],
  ];
  for (const scope of scopes) {
    for (const [window, key] of windows) {
      const { spent } = store.usage(key, scope);
      const cap = store.cap(scope, window);
      const candidates: BudgetAlert[] = [];
      if (cap !== null && cap > 0) {
        for (const threshold of THRESHOLDS) {
          if (spent * 100 >= cap * threshold) {
            candidates.push({
              scope: parseLabel(scope),
              window,
              windowKey: key,
              threshold,
              spentMicros: spent,
              limitMicros: cap,
              firedAt: now,
            });
          }
        }
      }
      if (scope === 'global:*' && window === 'day' && spent > p1DailyMicros) {
        candidates.push({
          scope: parseLabel(scope),
          window,
          windowKey: key,
          threshold: 'p1',
          spentMicros: spent,
          limitMicros: p1DailyMicros,
          firedAt: now,
        });
      }
      for (const alert of candidates) if (store.recordAlert(alert)) fired.push(alert);
    }
  }
  return fired;
}
