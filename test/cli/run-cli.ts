import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
// Node 22 from the `node` dev dependency: the CLI runs on type stripping, which the system Node may lack.
const node = resolve(root, 'node_modules/.bin/node');
const entry = resolve(root, 'cli/empire.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `empire` as a child process; asynchronous, as the stack's services live in this process. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 45_000): Promise<CliResult> {
  return new Promise((done) => {
    execFile(node, [entry, ...args], { env, timeout: timeoutMs, cwd: root }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

export function parseJson<T>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}): ${result.stdout}\n${result.stderr}`);
  }
}
