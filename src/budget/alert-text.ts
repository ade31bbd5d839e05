import { money } from './present';
import { scopeLabel } from './scopes';
import type { BudgetSettings } from './settings';
import type { BudgetAlert } from './types';

/** The owner's message for a budget alert: what crossed which line, in the owner's currency. */
export function alertText(alert: BudgetAlert, settings: BudgetSettings): string {
  const spent = money(alert.spentMicros, settings);
  const limit = money(alert.limitMicros, settings);
  const amounts = `${spent.amount.toFixed(2)} of ${limit.amount.toFixed(2)} ${settings.currency}`;
  if (alert.threshold === 'p1') {
    return `P1: LLM spend today passed the ${limit.amount.toFixed(2)} ${settings.currency} line (${spent.amount.toFixed(2)} ${settings.currency}).`;
  }
  const severity = alert.threshold === 100 ? 'Budget cap reached' : 'Budget warning';
  return `${severity}: ${scopeLabel(alert.scope)} has used ${alert.threshold}% of its ${alert.window} cap (${amounts}, ${alert.windowKey}).`;
}
