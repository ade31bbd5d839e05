import { noMorePositionals, parse, positional, positiveNumber } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, exitCodes, usageError } from '../errors.ts';
import type { Api } from '../http.ts';
import { print, printJson, printTable } from '../output.ts';
import { session } from '../session.ts';
import { sleep } from '../wait.ts';
import { parseInputs } from './run.ts';
import { workflowSecret } from './workflow-secret.ts';

interface WorkflowRun {
  id: string;
  workflow: string;
  trigger: string;
  status: string;
  startedAt: string;
  endedAt: string | null;
  costMicros: number | null;
  error: string | null;
}

interface Workflow {
  id: string;
  title: string;
  cron: string;
  nextRun: string;
  lastRun: WorkflowRun | null;
}

// Older deployments have no workflow API; their router answers 404 "No route for …".
async function call<T>(api: Api, method: string, path: string, body?: unknown): Promise<T> {
  try {
    return await api.request<T>(method, path, body);
  } catch (error) {
    if (error instanceof CliError && error.api?.status === 404 && error.api.error.message.startsWith('No route'))
      throw new CliError(
        `Workflows are not available in this deployment (${api.url} has no ${path})`,
        exitCodes.unsupported,
        error.api,
      );
    throw error;
  }
}

const POLL_MS = 1_000;

/** A run goes on in the background after it is started: follows it until it ends or `timeoutMs` passes. */
async function runToEnd(api: Api, run: WorkflowRun, timeoutMs: number): Promise<WorkflowRun> {
  const deadline = Date.now() + timeoutMs;
  let current = run;
  while (current.status === 'running' && Date.now() < deadline) {
    await sleep(POLL_MS);
    const body = await call<{ runs: WorkflowRun[] }>(api, 'GET', `/api/workflows/${run.workflow}/runs?limit=100`);
    current = body.runs.find((candidate) => candidate.id === run.id) ?? current;
  }
  return current;
}

function printRun(run: WorkflowRun): void {
  const cost = run.costMicros === null ? '' : `, $${(run.costMicros / 1_000_000).toFixed(6)}`;
  print(`${run.workflow} ${run.status} (${run.trigger}, started ${run.startedAt}${cost})  run ${run.id}`);
  if (run.error) print(`  error: ${run.error}`);
}

export const workflows: Command = {
  name: 'workflows',
  summary: 'Scheduled workflows: list them, run one now, show its run history, or manage its webhook secret',
  usage: [
    'empire workflows list',
    "       empire workflows run <workflow> [--input key=value ...] [--input key:=<json> ...] [--input-json '{...}'] [--no-wait] [--timeout 900]",
    '       empire workflows history <workflow>',
    '       empire workflows secret <workflow> [--rotate [--grace-hours N] | --revoke]   (owner; default grace 24, 0 ends the old secret at once)',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parse(args, {
      'no-wait': { type: 'boolean' },
      timeout: { type: 'string' },
      input: { type: 'string', multiple: true },
      'input-json': { type: 'string' },
      rotate: { type: 'boolean' },
      revoke: { type: 'boolean' },
      'grace-hours': { type: 'string' },
    });
    const sub = positional(positionals, 0, 'list|run|history|secret');
    const api = session(values.url);
    if (sub === 'list') {
      noMorePositionals(positionals, 1);
      const body = await call<{ workflows: Workflow[] }>(api, 'GET', '/api/workflows');
      if (values.json) printJson(body);
      else
        printTable(
          ['workflow', 'title', 'schedule (UTC)', 'next run', 'last run'],
          body.workflows.map((w) => [
            w.id,
            w.title,
            w.cron,
            w.nextRun,
            w.lastRun ? `${w.lastRun.status} ${w.lastRun.startedAt}` : null,
          ]),
        );
      return;
    }
    if (sub !== 'run' && sub !== 'history' && sub !== 'secret')
      throw usageError(`Unknown workflows subcommand: ${sub}`);
    noMorePositionals(positionals, 2);
    if (sub === 'secret') {
      const { rotate, revoke, json } = values;
      await workflowSecret(api, positional(positionals, 1, 'workflow'), {
        rotate,
        revoke,
        json,
        graceHours: values['grace-hours'],
      });
      return;
    }
    const id = encodeURIComponent(positional(positionals, 1, 'workflow'));
    if (sub === 'run') {
      const input = parseInputs(values['input-json'], values.input ?? []);
      // No body without input: the run takes none, as a workflow without an input schema requires.
      const request = Object.keys(input).length > 0 ? { input } : undefined;
      const path = `/api/workflows/${id}/run`;
      const body = await call<{ duplicate: boolean; run: WorkflowRun | null }>(api, 'POST', path, request);
      if (body.run && !values['no-wait']) {
        if (!values.json && body.run.status === 'running') print(`Run ${body.run.id} started; waiting for it to end`);
        body.run = await runToEnd(api, body.run, (positiveNumber(values.timeout, 'timeout') ?? 900) * 1000);
      }
      if (values.json) printJson(body);
      else if (body.run) printRun(body.run);
      else print('The workflow started, but its run record was not found');
      if (body.run?.status === 'failed') throw new CliError('The workflow run failed', exitCodes.other);
      return;
    }
    const body = await call<{ runs: WorkflowRun[] }>(api, 'GET', `/api/workflows/${id}/runs`);
    if (values.json) printJson(body);
    else if (body.runs.length === 0) print('No runs yet');
    else for (const run of body.runs) printRun(run);
  },
};
