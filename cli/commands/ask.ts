import type { Action, ActionAccepted, Budget } from '../api-types.ts';
import { parse, positional, positiveNumber } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, exitCodes } from '../errors.ts';
import type { Api } from '../http.ts';
import { print, printJson } from '../output.ts';
import { session } from '../session.ts';
import { sleep } from '../wait.ts';

const POLL_MS = 400;
// How the action deferrer marks an action held back by a cap (src/agents/action-deferrer.ts).
const WAITING_FOR_BUDGET = /^waiting for budget: (\S+) (day|month) cap/;

async function overBudget(api: Api, action: Action, scope: string, window: string): Promise<CliError> {
  const budget = await api.get<Budget>('/api/budget').catch(() => undefined);
  const cap = budget?.windows.find((w) => w.scope === scope && w.window === window)?.cap;
  const capText = cap ? `${cap.amount} ${cap.currency} (${cap.usdMicros / 1_000_000} USD)` : 'unknown';
  const message = [
    `Over budget: the ${window} cap of ${scope} leaves no room for this call`,
    `  cap: ${capText}`,
    `  deferral: ${action.id} (the action runs when the budget allows; see \`empire ask --wait-for ${action.id}\`)`,
  ].join('\n');
  const details = { deferralId: action.id, scope, window, capMicros: cap?.usdMicros ?? null };
  return new CliError(message, exitCodes.overBudget, {
    status: 402,
    error: { code: 'over_budget', message: action.error ?? 'over budget', details },
  });
}

async function waitForAction(api: Api, id: string, timeoutMs: number): Promise<Action> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const action = await api.get<Action>(`/api/actions/${id}`);
    if (action.status === 'done' || action.status === 'failed') return action;
    const waiting = action.status === 'queued' && action.error ? WAITING_FOR_BUDGET.exec(action.error) : null;
    if (waiting) throw await overBudget(api, action, waiting[1] ?? '?', waiting[2] ?? '?');
    if (Date.now() > deadline)
      throw new CliError(
        `Still ${action.status} after ${timeoutMs / 1000} s; follow it with \`empire ask --wait-for ${id}\``,
        exitCodes.timeout,
      );
    await sleep(POLL_MS);
  }
}

export const ask: Command = {
  name: 'ask',
  summary: 'Ask one agent (or `auto` to let the router pick) and wait for the answer',
  usage:
    'empire ask <agent|auto> <prompt...> [--priority low|normal|high] [--timeout 120] [--no-wait]\n       empire ask --wait-for <action id>',
  async run(args) {
    const { values, positionals } = parse(args, {
      priority: { type: 'string' },
      timeout: { type: 'string' },
      'no-wait': { type: 'boolean' },
      'wait-for': { type: 'string' },
    });
    const api = session(values.url);
    const timeoutMs = (positiveNumber(values.timeout, 'timeout') ?? 120) * 1000;
    let id = values['wait-for'];
    if (id === undefined) {
      const agent = positional(positionals, 0, 'agent');
      const input = positionals.slice(1).join(' ');
      positional(positionals, 1, 'prompt');
      const body = {
        action: 'ask',
        input,
        ...(agent === 'auto' ? {} : { agent }),
        ...(values.priority ? { priority: values.priority } : {}),
      };
      const queued = await api.request<ActionAccepted>('POST', '/api/action', body);
      if (values['no-wait']) {
        if (values.json) printJson(queued);
        else print(`Queued action ${queued.id} for ${(queued.agents ?? []).join(', ')}`);
        return;
      }
      id = queued.id;
    }
    const action = await waitForAction(api, id, timeoutMs);
    if (values.json) printJson(action);
    if (action.status === 'failed')
      throw new CliError(`The action failed: ${action.error ?? 'no reason given'}`, exitCodes.other);
    if (!values.json) print(action.result ?? '');
  },
};
