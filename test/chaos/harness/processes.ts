// Small process helpers for the chaos harness: free ports, commands run as the `postgres` user
// when this process is root (initdb and pg_ctl refuse root), and waiting for a process group to end.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const isRoot = () => process.getuid?.() === 0;

/** Runs a command, as `user` when this process is root. */
export async function run(command: string, args: string[], user?: string): Promise<string> {
  const [file, argv] = user && isRoot() ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
  const { stdout } = await exec(file, argv, { maxBuffer: 4 * 1024 * 1024 });
  return stdout;
}

/** A PostgreSQL server binary: on PATH (/usr/local/bin) or in the newest /usr/lib/postgresql/<v>/bin. */
export function postgresBinary(name: 'initdb' | 'pg_ctl'): string {
  for (const dir of (process.env.PATH ?? '').split(':')) if (existsSync(join(dir, name))) return join(dir, name);
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort().reverse() : [];
  for (const version of versions) {
    const path = join('/usr/lib/postgresql', version, 'bin', name);
    if (existsSync(path)) return path;
  }
  throw new Error(`${name} not found on PATH or in /usr/lib/postgresql/*/bin`);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILL to a whole process group, without waiting (for process exit handlers). */
export function killGroupNow(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** SIGKILL to a whole process group, then wait until none of its processes is left. */
export async function killGroup(pid: number): Promise<void> {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    return;
  }
  while (groupAlive(pid)) await sleep(50);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
