import type { RunProgress, RunView } from '../api-types.ts';
import { parse, positional, positiveNumber } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, exitCodes, usageError } from '../errors.ts';
import { print, printJson } from '../output.ts';
import { progressPrinter } from '../progress.ts';
import { session } from '../session.ts';
import { watchRun } from '../watch-run.ts';

/** `key=value` is a string; `key:=json` takes a JSON value (number, list, object). */
export function parseInputs(json: string | undefined, pairs: string[]): Record<string, unknown> {
  let inputs: Record<string, unknown> = {};
  if (json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw usageError('--input-json is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw usageError('--input-json must be a JSON object');
    inputs = { ...(parsed as Record<string, unknown>) };
  }
  for (const pair of pairs) {
    const match = /^([^=:]+)(:?=)(.*)$/s.exec(pair);
    if (!match) throw usageError(`--input ${pair}: expected key=value or key:=json`);
    const [, key = '', op, value = ''] = match;
    if (op === '=') {
      inputs[key] = value;
      continue;
    }
    try {
      inputs[key] = JSON.parse(value) as unknown;
    } catch {
      throw usageError(`--input ${key}:= needs a JSON value`);
    }
  }
  return inputs;
}

export const run: Command = {
  name: 'run',
  summary: 'Run a Reactor task as a swarm and follow its progress live',
  usage:
    "empire run <task> [--input key=value ...] [--input key:=<json> ...] [--input-json '{...}'] [--fanout N] [--timeout 600] [--no-wait] [--poll]",
  async run(args) {
    const { values, positionals } = parse(args, {
      input: { type: 'string', multiple: true },
      'input-json': { type: 'string' },
      fanout: { type: 'string' },
      timeout: { type: 'string' },
      'no-wait': { type: 'boolean' },
      poll: { type: 'boolean' },
    });
    const task = positional(positionals, 0, 'task');
    if (positionals.length > 1)
      throw usageError(`Unexpected argument: ${positionals[1]} (inputs go in --input key=value)`);
    const inputs = parseInputs(values['input-json'], values.input ?? []);
    const fanout = positiveNumber(values.fanout, 'fanout');
    const api = session(values.url);
    const started = await api.request<RunProgress>('POST', `/api/tasks/${encodeURIComponent(task)}/run`, {
      inputs,
      ...(fanout === undefined ? {} : { fanout: Math.floor(fanout) }),
    });
    if (values['no-wait']) {
      if (values.json) printJson(started);
      else print(`Started run ${started.runId} (${started.total} jobs)`);
      return;
    }
    if (!values.json) print(`Run ${started.runId}: ${started.task}, ${started.total} jobs`);
    const bar = values.json ? undefined : progressPrinter(process.stdout);
    bar?.update(started);
    const timeoutMs = (positiveNumber(values.timeout, 'timeout') ?? 600) * 1000;
    try {
      await watchRun(api, started.runId, (progress) => bar?.update(progress), { timeoutMs, socket: !values.poll });
    } finally {
      bar?.end();
    }
    const final = await api.get<RunView>(`/api/runs/${started.runId}`);
    if (values.json) printJson(final);
    else {
      print(`Run ${final.runId} ${final.status}: ${final.done} done, ${final.failed} failed of ${final.total}`);
      if (final.results !== null) print(JSON.stringify(final.results, null, 2));
    }
    if (final.status !== 'done')
      throw new CliError(`The run ended ${final.status}${final.error ? `: ${final.error}` : ''}`, exitCodes.other);
  },
};
