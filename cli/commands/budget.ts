import type { Budget, SpendReport } from '../api-types.ts';
import { noMorePositionals, parse, positional } from '../args.ts';
import type { Command } from '../command.ts';
import { usageError } from '../errors.ts';
import { formatMoney, print, printJson, printTable } from '../output.ts';
import { session } from '../session.ts';

function printBudget(budget: Budget): void {
  printTable(
    ['scope', 'window', 'period', 'calls', 'spent', 'reserved', 'cap', 'remaining'],
    budget.windows.map((w) => [
      w.scope,
      w.window,
      w.windowKey,
      w.calls,
      formatMoney(w.spent),
      formatMoney(w.reserved),
      formatMoney(w.cap),
      formatMoney(w.remaining),
    ]),
  );
  for (const alert of budget.alerts) {
    print(
      `alert: ${alert.scope} ${alert.window} at ${typeof alert.threshold === 'number' ? `${alert.threshold}%` : alert.threshold} (${formatMoney(alert.spent)} of ${formatMoney(alert.limit)})`,
    );
  }
}

function parseAmount(text: string): number | null {
  if (text === 'none' || text === 'off') return null;
  const amount = Number(text);
  if (!Number.isFinite(amount) || amount < 0)
    throw usageError('<amount> must be a number >= 0, or none to remove the cap');
  return amount;
}

export const budget: Command = {
  name: 'budget',
  summary: 'Caps, spend and remaining per scope; `budget set` changes a cap (owner only)',
  usage:
    'empire budget\n       empire budget set <scope> <day|month> <amount|none> [--usd]   e.g. budget set agent:ceo day 5',
  async run(args) {
    const { values, positionals } = parse(args, { usd: { type: 'boolean' } });
    const api = session(values.url);
    if (positionals[0] === undefined) {
      if (values.usd) throw usageError('--usd belongs to `budget set`');
      const body = await api.get<Budget>('/api/budget');
      if (values.json) printJson(body);
      else printBudget(body);
      return;
    }
    if (positionals[0] !== 'set') throw usageError(`Unknown budget subcommand: ${positionals[0]}`);
    noMorePositionals(positionals, 4);
    const scope = positional(positionals, 1, 'scope');
    const window = positional(positionals, 2, 'day|month');
    if (window !== 'day' && window !== 'month') throw usageError('The window is day or month');
    const amount = parseAmount(positional(positionals, 3, 'amount'));
    const caps = [{ scope, window, amount, currency: values.usd ? 'USD' : 'budget' }];
    const body = await api.request<Budget>('PUT', '/api/budget', { caps });
    if (values.json) {
      printJson(body);
      return;
    }
    const set = body.windows.find((w) => w.scope === scope && w.window === window);
    print(
      amount === null
        ? `Removed the ${window} cap of ${scope}`
        : `The ${window} cap of ${scope} is now ${formatMoney(set?.cap)}`,
    );
  },
};

const groups = ['day', 'model', 'provider', 'agent', 'client', 'user', 'status'];

/** Accepts a date (YYYY-MM-DD, taken as UTC midnight) or a full ISO time. */
function isoTime(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw usageError(`--${name} must be a date (YYYY-MM-DD) or an ISO time`);
  return new Date(ms).toISOString();
}

export const spend: Command = {
  name: 'spend',
  summary: 'Spend history from the ledger',
  usage: `empire spend [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--group-by ${groups.join('|')}]`,
  async run(args) {
    const { values, positionals } = parse(args, {
      from: { type: 'string' },
      to: { type: 'string' },
      'group-by': { type: 'string' },
    });
    noMorePositionals(positionals, 0);
    const groupBy = values['group-by'];
    if (groupBy !== undefined && !groups.includes(groupBy))
      throw usageError(`--group-by is one of ${groups.join(', ')}`);
    const query = new URLSearchParams();
    const from = isoTime(values.from, 'from');
    const to = isoTime(values.to, 'to');
    if (from) query.set('from', from);
    if (to) query.set('to', to);
    if (groupBy) query.set('groupBy', groupBy);
    const body = await session(values.url).get<SpendReport>(`/api/spend?${query}`);
    if (values.json) {
      printJson(body);
      return;
    }
    print(`Spend ${body.from} .. ${body.to} by ${body.groupBy} (${body.currency})`);
    if (body.rows.length === 0) {
      print('  nothing spent');
      return;
    }
    const keys = Object.keys(body.rows[0] ?? {}).filter((key) => key !== 'costMicros');
    printTable(
      keys,
      body.rows.map((row) => keys.map((key) => (row as Record<string, unknown>)[key])),
    );
  },
};
