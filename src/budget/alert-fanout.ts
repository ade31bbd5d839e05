import type { OwnerNotifier } from '../channels/owner-notifier';
import { errorMessage } from '../lib/error-message';
import type { Logger } from '../observability/logger';
import { alertText } from './alert-text';
import type { BudgetSettings } from './settings';
import type { BudgetAlert } from './types';

/** Where a budget alert goes: the log, the dashboard's live stream, and the owner's chat (a no-op without one). */
export interface AlertSinks {
  log: Logger;
  dashboard: { publish(event: { type: string; [field: string]: unknown }): Promise<unknown> };
  owner: OwnerNotifier;
  /** Delivery runs after the caller answered; a slow chat must not hold an LLM call. */
  background(work: Promise<unknown>): void;
}

/** Every alert is logged and published; the owner hears of it too, and a failed delivery is logged, never thrown. */
export function fanOutBudgetAlerts(alerts: BudgetAlert[], settings: BudgetSettings, sinks: AlertSinks): void {
  for (const alert of alerts) {
    const text = alertText(alert, settings);
    sinks.log.warn('budget alert', { ...alert });
    sinks.background(sinks.dashboard.publish({ type: 'budget.alert', text, alert }));
    sinks.background(
      sinks.owner.notify(text).catch((error: unknown) => {
        sinks.log.error('owner alert not delivered', { error: errorMessage(error) });
      }),
    );
  }
}
