import type { RunView } from '../api-types.ts';
import { noMorePositionals, parse, positiveNumber } from '../args.ts';
import type { Command } from '../command.ts';
import { print, printJson, printTable } from '../output.ts';
import { renderBar } from '../progress.ts';
import { session } from '../session.ts';

export const runs: Command = {
  name: 'runs',
  summary: 'Swarm runs, newest first; `runs <id>` for one run with its results',
  usage: 'empire runs [--limit 50]\n       empire runs <run id>',
  async run(args) {
    const { values, positionals } = parse(args, { limit: { type: 'string' } });
    noMorePositionals(positionals, 1);
    const api = session(values.url);
    const id = positionals[0];
    if (id !== undefined) {
      const one = await api.get<RunView>(`/api/runs/${encodeURIComponent(id)}`);
      if (values.json) printJson(one);
      else {
        print(`Run ${one.runId} (${one.task}) started ${one.createdAt}${one.endedAt ? `, ended ${one.endedAt}` : ''}`);
        print(renderBar(one));
        if (one.results !== null) print(JSON.stringify(one.results, null, 2));
      }
      return;
    }
    const limit = positiveNumber(values.limit, 'limit') ?? 50;
    const body = await api.get<{ runs: Record<string, unknown>[] }>(`/api/runs?limit=${Math.floor(limit)}`);
    if (values.json) {
      printJson(body);
      return;
    }
    if (body.runs.length === 0) {
      print('No runs yet');
      return;
    }
    const columns = ['id', 'task', 'status', 'total', 'done', 'failed', 'createdAt'].filter(
      (key) => key in (body.runs[0] ?? {}),
    );
    printTable(
      columns,
      body.runs.map((row) => columns.map((key) => row[key])),
    );
  },
};
