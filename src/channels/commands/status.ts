import { amount, lines } from './format';
import type { Command } from './types';

export const statusCommand: Command = {
  name: 'status',
  usage: '/status',
  summary: 'agents, budget today and the queue',
  async run(_args, context) {
    const [agents, budget, queue] = await Promise.all([context.agents(), context.budget(), context.queue()]);
    const today = budget.lines.find((line) => line.scope === 'global:*' && line.window === 'day');
    const busy = agents.filter((agent) => agent.status !== 'idle');
    return lines(
      'Status',
      `Agents: ${agents.length - busy.length} idle${busy.length ? `, ${busy.map((a) => `${a.agent} ${a.status}`).join(', ')}` : ''}`,
      today &&
        `Budget today: ${amount(today.spent, budget.currency)} spent${today.cap === null ? '' : ` of ${amount(today.cap, budget.currency)}`}`,
      `Queue: ${queue.activeRuns.length} active run(s), ${queue.deferredWaiting} deferred call(s) waiting`,
      budget.alerts[0] && `Last alert: ${budget.alerts[0].text}`,
    );
  },
};
