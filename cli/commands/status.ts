import type { Brain, Budget, Health } from '../api-types.ts';
import { noMorePositionals, parse } from '../args.ts';
import type { Command } from '../command.ts';
import { formatMoney, print, printJson, printTable } from '../output.ts';
import { session } from '../session.ts';

export const status: Command = {
  name: 'status',
  summary: "Health of each dependency, the agents and today's budget",
  usage: 'empire status',
  async run(args) {
    const { values, positionals } = parse(args, {});
    noMorePositionals(positionals, 0);
    const api = session(values.url);
    const { body: health } = await api.probe<Health>('/api/health');
    const [{ brains }, budget] = await Promise.all([
      api.get<{ brains: Brain[] }>('/api/brains'),
      api.get<Budget>('/api/budget'),
    ]);
    if (values.json) {
      printJson({ health, brains, budget });
      return;
    }
    print(`${api.url}  ${health.status.toUpperCase()}  (${health.environment} ${health.version})`);
    printTable(
      ['check', 'status', 'ms', 'note'],
      health.checks.map((check) => [
        check.name,
        check.status,
        check.latencyMs,
        [check.fake ? 'fake' : '', check.detail ?? ''].filter(Boolean).join('; ') || null,
      ]),
    );
    const busy = brains.filter((brain) => brain.status !== 'idle').length;
    print(`Agents: ${brains.length} (${busy} not idle)`);
    print('Budget today:');
    const today = budget.windows.filter((window) => window.window === 'day');
    printTable(
      ['scope', 'spent', 'reserved', 'cap', 'remaining'],
      today.map((w) => [
        w.scope,
        formatMoney(w.spent),
        formatMoney(w.reserved),
        formatMoney(w.cap),
        formatMoney(w.remaining),
      ]),
    );
  },
};

export const agents: Command = {
  name: 'agents',
  summary: 'The seven brain agents and their status',
  usage: 'empire agents',
  async run(args) {
    const { values, positionals } = parse(args, {});
    noMorePositionals(positionals, 0);
    const body = await session(values.url).get<{ brains: Brain[] }>('/api/brains');
    if (values.json) {
      printJson(body);
      return;
    }
    printTable(
      ['agent', 'name', 'status', 'role', 'task'],
      body.brains.map((b) => [b.id, `${b.name} (${b.alias})`, b.status, b.role, b.currentTask]),
    );
  },
};
