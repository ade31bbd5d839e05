import { scopeLabel } from './scopes';
import type { BudgetSettings } from './settings';
import type { BudgetSnapshot, ScopeUsage } from './types';

/** Every swarm run has a scope of its own: listed one by one, or folded into one line per window. */
export type RunWindows = 'folded' | 'listed';

/** The run scopes of each window in one line: how many runs, and what they spent and hold. */
function foldRuns(usage: ScopeUsage[], settings: BudgetSettings) {
  const byWindow = new Map<
    string,
    { window: ScopeUsage['window']; windowKey: string; runs: number; calls: number; spent: number; reserved: number }
  >();
  for (const row of usage) {
    const key = `${row.window}|${row.windowKey}`;
    const line = byWindow.get(key) ?? {
      window: row.window,
      windowKey: row.windowKey,
      runs: 0,
      calls: 0,
      spent: 0,
      reserved: 0,
    };
    line.runs += 1;
    line.calls += row.calls;
    line.spent += row.spentMicros;
    line.reserved += row.reservedMicros;
    byWindow.set(key, line);
  }
  return [...byWindow.values()].map((line) => ({
    window: line.window,
    windowKey: line.windowKey,
    runs: line.runs,
    calls: line.calls,
    spent: money(line.spent, settings),
    reserved: money(line.reserved, settings),
  }));
}

/** Money as the API shows it: exact USD micros, and the amount in the owner's currency. */
export function money(usdMicros: number, settings: BudgetSettings) {
  return {
    usdMicros,
    amount: Math.round(usdMicros * settings.currencyPerUsd) / 1_000_000,
    currency: settings.currency,
  };
}

export function presentSnapshot(snapshot: BudgetSnapshot, settings: BudgetSettings, runs: RunWindows = 'folded') {
  const isRun = (row: ScopeUsage) => row.scope.kind === 'run';
  const shown = runs === 'listed' ? snapshot.usage : snapshot.usage.filter((row) => !isRun(row));
  return {
    at: new Date(snapshot.at).toISOString(),
    currency: settings.currency,
    currencyPerUsd: settings.currencyPerUsd,
    p1DailyLine: money(settings.p1DailyMicros, settings),
    windows: shown.map((usage) => ({
      scope: scopeLabel(usage.scope),
      window: usage.window,
      windowKey: usage.windowKey,
      calls: usage.calls,
      cap: usage.capMicros === null ? null : money(usage.capMicros, settings),
      spent: money(usage.spentMicros, settings),
      reserved: money(usage.reservedMicros, settings),
      remaining:
        usage.capMicros === null
          ? null
          : money(Math.max(0, usage.capMicros - usage.spentMicros - usage.reservedMicros), settings),
    })),
    runs: runs === 'listed' ? [] : foldRuns(snapshot.usage.filter(isRun), settings),
    alerts: snapshot.alerts.map((alert) => ({
      scope: scopeLabel(alert.scope),
      window: alert.window,
      windowKey: alert.windowKey,
      threshold: alert.threshold,
      spent: money(alert.spentMicros, settings),
      limit: money(alert.limitMicros, settings),
      firedAt: new Date(alert.firedAt).toISOString(),
    })),
  };
}
