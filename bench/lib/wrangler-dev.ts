// The Empire Worker under `wrangler dev`, started as `npm start` starts it (local-stack/dev.ts) but
// on a free loopback port, with its state in a temporary directory and its output kept to show
// when something goes wrong.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { closeServer, listenLoopback } from '../../local-stack/services/ports.ts';
import { repoRoot } from './paths.ts';
import { type ProcessReading, processTree } from './proc-tree.ts';
import { scratchDir } from './scratch.ts';

const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };
const OUTPUT_LINES = 200;

export interface WranglerDev {
  url: string;
  /** The `wrangler.js` node process this benchmark spawned; every other process of the stack descends from it. */
  pid: number;
  /** The last lines wrangler wrote, stdout and stderr together. */
  output(): string[];
  /** Lines written in all, including the ones no longer kept. */
  outputLines(): number;
  stop(): Promise<void>;
}

export interface WranglerDevOptions {
  vars: Record<string, string>;
  /** The project wrangler serves (its wrangler.toml and sources); the checkout when omitted. */
  projectDir?: string;
  log: (line: string) => void;
  readySeconds?: number;
  /** `warn` unless set: wrangler's per-request logging costs throughput. */
  logLevel?: 'debug' | 'info' | 'log' | 'warn' | 'error';
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listenLoopback(server, 0);
  await closeServer(server);
  return port;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function withTimeout(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([work.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

function killTree(root: number, signal: NodeJS.Signals): void {
  for (const reading of processTree(root).reverse()) {
    try {
      process.kill(reading.pid, signal);
    } catch {
      // Already gone.
    }
  }
}

const alive = (reading: ProcessReading) =>
  processTree(reading.pid).some((now) => now.command === reading.command && now.state !== 'Z');

/** Children that outlived wrangler (its esbuild service can linger) get a few seconds, then SIGKILL. */
async function reapStragglers(started: ProcessReading[], log: (line: string) => void): Promise<void> {
  for (let waited = 0; waited < 10 && started.some(alive); waited++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  for (const reading of started.filter(alive)) {
    log(`killing ${reading.command} (pid ${reading.pid}), left behind by wrangler dev`);
    try {
      process.kill(reading.pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
}

function spawnWrangler(cwd: string, args: string[], keep: (text: string) => void): ChildProcess {
  const wranglerBin = join(cwd, 'node_modules/wrangler/bin/wrangler.js');
  const child = spawn(process.execPath, [wranglerBin, ...args], { cwd, env: quietEnv });
  child.stdout?.on('data', (chunk: Buffer) => keep(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => keep(chunk.toString()));
  return child;
}

async function waitForHealth(url: string, child: ChildProcess, seconds: number): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const scratch = scratchDir('bench-wrangler-dev');
  const persist = ['--persist-to', scratch.path];
  const lines: string[] = [];
  let written = 0;
  const keep = (text: string) => {
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      written++;
      lines.push(line);
      if (lines.length > OUTPUT_LINES) lines.shift();
    }
  };
  const cwd = options.projectDir ?? repoRoot;
  const migrate = spawnWrangler(cwd, ['d1', 'migrations', 'apply', 'DB', '--local', ...persist], keep);
  await exited(migrate);
  if (migrate.exitCode !== 0) {
    scratch.remove();
    throw new Error(`wrangler d1 migrations apply failed:\n${lines.join('\n')}`);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const varArgs = Object.entries(options.vars).flatMap(([key, value]) => ['--var', `${key}:${value}`]);
  const child = spawnWrangler(
    cwd,
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--log-level',
      options.logLevel ?? 'warn',
      ...persist,
      ...varArgs,
    ],
    keep,
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('wrangler dev did not start');
  // An interrupted run still takes the stack down with it.
  const onExit = () => killTree(pid, 'SIGKILL');
  process.on('exit', onExit);

  const stop = async () => {
    const started = processTree(pid);
    // NOTES: SIGTERM to the node process running cli.js stops wrangler's whole tree.
    const cli = started.find((reading) => reading.args.includes('wrangler-dist/cli.js'));
    if (cli) process.kill(cli.pid, 'SIGTERM');
    else child.kill('SIGTERM');
    if (!(await withTimeout(exited(child), 30_000))) {
      options.log('wrangler dev did not stop within 30 s of SIGTERM; killing its processes');
      killTree(pid, 'SIGKILL');
      await withTimeout(exited(child), 5_000);
    }
    await reapStragglers(started, options.log);
    process.off('exit', onExit);
    scratch.remove();
  };

  options.log(`wrangler dev on ${url}, state in ${scratch.path}`);
  if (!(await waitForHealth(url, child, options.readySeconds ?? 120))) {
    await stop();
    throw new Error(`wrangler dev did not answer /api/health with 200:\n${lines.slice(-40).join('\n')}`);
  }
  return { url, pid, output: () => [...lines], outputLines: () => written, stop };
}
