import { lines } from './format';
import type { Command } from './types';

const TASK_NAME = /^[a-z][a-z0-9_]{1,47}$/;

export const runCommand: Command = {
  name: 'run',
  usage: '/run <task> [input]',
  summary: "start a task as a swarm run; input is JSON inputs or one value for the task's first input",
  async run(args, context) {
    const task = args.split(/\s+/, 1)[0] ?? '';
    if (!TASK_NAME.test(task))
      return 'Usage: /run <task> [input], e.g. /run content_generation pricing for consultants';
    const started = await context.startRun(task, args.slice(task.length).trim());
    return lines(
      `Started ${started.task}: ${started.total} job(s), ${started.status}`,
      `Run ${started.runId}`,
      `Follow it at /api/runs/${started.runId}`,
    );
  },
};
