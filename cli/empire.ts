import type { Command } from './command.ts';
import { ask } from './commands/ask.ts';
import { budget, spend } from './commands/budget.ts';
import { keys } from './commands/keys.ts';
import { leads } from './commands/leads.ts';
import { login, logout } from './commands/login.ts';
import { revenue } from './commands/revenue.ts';
import { run } from './commands/run.ts';
import { runs } from './commands/runs.ts';
import { agents, status } from './commands/status.ts';
import { tail } from './commands/tail.ts';
import { workflows } from './commands/workflows.ts';
import { CliError, exitCodes } from './errors.ts';

const commands: Command[] = [
  login,
  logout,
  status,
  budget,
  spend,
  agents,
  ask,
  run,
  runs,
  leads,
  revenue,
  workflows,
  keys,
  tail,
];

const exitCodeHelp = `Exit codes:
  0 ok            1 other error     2 usage          3 cannot connect   4 not logged in (401)
  5 not allowed   6 over budget     7 not found      8 rate limited     9 invalid request (400)
  10 not available in this deployment                11 timed out waiting`;

function help(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    'Usage: empire <command> [options]   (--json for raw API JSON, --url to pick the server)',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `empire <command> --help` for its options.',
    '',
    exitCodeHelp,
  ].join('\n');
}

function report(error: unknown, json: boolean): number {
  if (error instanceof CliError) {
    if (json) {
      const body = error.api
        ? { error: error.api.error, status: error.api.status }
        : { error: { code: 'cli', message: error.message } };
      process.stderr.write(`${JSON.stringify({ ...body, exitCode: error.exitCode })}\n`);
    } else process.stderr.write(`empire: ${error.message}\n`);
    return error.exitCode;
  }
  process.stderr.write(`empire: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return exitCodes.other;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const target = commands.find((command) => command.name === args[0]);
    process.stdout.write(`${target ? `Usage: ${target.usage}` : help()}\n`);
    return exitCodes.ok;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    process.stderr.write(`empire: unknown command ${name}\n\n${help()}\n`);
    return exitCodes.usage;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`Usage: ${command.usage}\n`);
    return exitCodes.ok;
  }
  try {
    await command.run(args);
    return exitCodes.ok;
  } catch (error) {
    const code = report(error, args.includes('--json'));
    if (code === exitCodes.usage) process.stderr.write(`Usage: ${command.usage}\n`);
    return code;
  }
}

process.exitCode = await main(process.argv.slice(2));
