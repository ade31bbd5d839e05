import type { Alert } from '../channels/alerts/alert';
import type { Alerter } from '../channels/alerts/dispatch';
import { errorMessage } from '../lib/error-message';
import type { Logger } from '../observability/logger';
import { alertText } from './alert-text';
import { scopeLabel } from './scopes';
import type { BudgetSettings } from './settings';
import type { BudgetAlert } from './types';

/** Where a budget alert goes: the log, the dashboard's live stream, and every configured alert sink. */
export interface AlertSinks {
  log: Logger;
  dashboard: { publish(event: { type: string; [field: string]: unknown }): Promise<unknown> };
  alerts: Alerter;
  /** Delivery runs after the caller answered; a slow sink must not hold an LLM call. */
  background(work: Promise<unknown>): void;
}

/** A cap reached or the P1 line passed pages; 50 % and 80 % warn. */
export function budgetAlert(alert: BudgetAlert, settings: BudgetSettings): Alert {
  const text = alertText(alert, settings);
  if (alert.threshold === 'p1')
    return { kind: 'p1_spend', severity: 'page', title: 'P1: LLM spend today passed the P1 line', text };
  const title = `${scopeLabel(alert.scope)} at ${alert.threshold}% of its ${alert.window} budget`;
  return { kind: 'budget', severity: alert.threshold === 100 ? 'page' : 'warn', title, text };
}

/** Every alert is logged and published, and goes to the sinks; a failed delivery is logged, never thrown. */
export function fanOutBudgetAlerts(alerts: BudgetAlert[], settings: BudgetSettings, sinks: AlertSinks): void {
  for (const alert of alerts) {
    const message = budgetAlert(alert, settings);
    sinks.log.warn('budget alert', { ...alert });
    sinks.background(sinks.dashboard.publish({ type: 'budget.alert', text: message.text, alert }));
    sinks.background(
      sinks.alerts.alert(message).catch((error: unknown) => {
        sinks.log.error('budget alert not delivered', { error: errorMessage(error) });
      }),
    );
  }
}
