import { scopeLabel } from './scopes';
import type { BudgetSettings } from './settings';
import type { BudgetSnapshot } from './types';

/** Money as the API shows it: exact USD micros, and the amount in the owner's currency. */
export function money(usdMicros: number, settings: BudgetSettings) {
  return {
    usdMicros,
    amount: Math.round(usdMicros * settings.currencyPerUsd) / 1_000_000,
    currency: settings.currency,
  };
}

export function presentSnapshot(snapshot: BudgetSnapshot, settings: BudgetSettings) {
  return {
    at: new Date(snapshot.at).toISOString(),
    currency: settings.currency,
    currencyPerUsd: settings.currencyPerUsd,
    p1DailyLine: money(settings.p1DailyMicros, settings),
    windows: snapshot.usage.map((usage) => ({
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
