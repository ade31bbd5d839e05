import { amount, lines } from './format';
import type { BudgetLine, Command } from './types';

const MAX_ALERTS = 10;

function budgetLine(line: BudgetLine, currency: string): string {
  const cap = line.cap === null ? 'no cap' : `cap ${amount(line.cap, currency)}`;
  const left = line.remaining === null ? '' : `, ${amount(line.remaining, currency)} left`;
  return `${line.scope} ${line.window}: ${amount(line.spent, currency)} spent, ${cap}${left}`;
}

export const budgetCommand: Command = {
  name: 'budget',
  usage: '/budget',
  summary: 'caps, spend and what is left per window',
  async run(_args, context) {
    const budget = await context.budget();
    const global = budget.lines.filter((line) => line.scope === 'global:*');
    const others = budget.lines.filter((line) => line.scope !== 'global:*' && line.cap !== null);
    return lines(
      `Budget (${budget.currency})`,
      ...[...global, ...others].slice(0, 20).map((line) => budgetLine(line, budget.currency)),
    );
  },
};

export const spendCommand: Command = {
  name: 'spend',
  usage: '/spend [days]',
  summary: 'LLM spend per day, 7 days by default',
  async run(args, context) {
    const days = args ? Number(args) : 7;
    if (!Number.isInteger(days) || days < 1 || days > 90) return 'Usage: /spend [days], days from 1 to 90';
    const spend = await context.spend(days);
    const total = spend.rows.reduce((sum, row) => sum + row.cost, 0);
    return lines(
      `Spend, last ${days} day(s): ${amount(total, spend.currency)}`,
      ...spend.rows.map((row) => `${row.day}: ${amount(row.cost, spend.currency)} in ${row.calls} call(s)`),
      spend.rows.length === 0 && 'No LLM calls in this period.',
    );
  },
};

export const alertsCommand: Command = {
  name: 'alerts',
  usage: '/alerts',
  summary: 'budget alerts of the current windows, newest first',
  async run(_args, context) {
    const { alerts } = await context.budget();
    if (alerts.length === 0) return 'No budget alerts in the current day and month.';
    return lines(
      `Alerts (${alerts.length})`,
      ...alerts.slice(0, MAX_ALERTS).map((alert) => `${alert.firedAt.slice(0, 16)}Z ${alert.text}`),
    );
  },
};
