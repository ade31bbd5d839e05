// A real Chroma server without Docker: the chromadb npm package's `chroma run` (a native
// binding), started on a free loopback port and stopped with SIGINT (SIGTERM leaves it
// spinning), also when the process that started it dies. Its binding needs glibc 2.39; on an
// older system node runs through the loader of the private libraries prepared by
// local-stack/chroma/install-libs.sh.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const installScript = join(root, 'local-stack/chroma/install-libs.sh');
const cli = join(root, 'node_modules/chromadb/dist/cli.mjs');
const loaderName = arch() === 'arm64' ? 'ld-linux-aarch64.so.1' : 'ld-linux-x86-64.so.2';
// util-linux's setpriv asks Linux to signal the server when the process that started it dies,
// however it dies: a killed test run must not leave a server behind spinning on a core.
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path));

export interface ChromaServerOptions {
  dataDir: string;
  /** From prepareChromaLibs(); '' runs node directly (the system glibc is new enough). */
  libsDir: string;
  startTimeoutMs?: number;
}

export interface ChromaServer {
  url: string;
  /** The server's own version (GET /api/v2/version). */
  version: string;
  /** Milliseconds from spawn to the first good heartbeat. */
  startupMs: number;
  close(): Promise<void>;
}

/**
 * Runs install-libs.sh (idempotent: a prepared folder is reused, otherwise it downloads about
 * 4 MB of Debian packages). Resolves with the folder, or '' when none is needed.
 */
export async function prepareChromaLibs(): Promise<string> {
  if (!existsSync(cli)) throw new Error('the chromadb package is not installed (npm ci)');
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)('bash', [installScript], { timeout: 120_000 }));
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').pop();
    throw new Error(`the C runtime for chroma could not be prepared: ${stderr || String(error)}`);
  }
  const dir = stdout.trim().split('\n').pop() ?? '';
  if (dir && !existsSync(join(dir, loaderName))) throw new Error(`no ${loaderName} in ${dir}`);
  return dir;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listenLoopback(probe, 0);
  await closeServer(probe);
  return port;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await done;
  clearTimeout(timer);
}

async function heartbeat(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/v2/heartbeat`, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

async function startOnce(options: ChromaServerOptions, port: number): Promise<ChromaServer> {
  const args = [cli, 'run', '--path', options.dataDir, '--host', LOOPBACK_HOST, '--port', String(port)];
  const [server, serverArgs] = options.libsDir
    ? [join(options.libsDir, loaderName), ['--library-path', options.libsDir, process.execPath, ...args]]
    : [process.execPath, args];
  // Behind setpriv a missing binary is only an exit code: said plainly here instead.
  if (!existsSync(server)) throw new Error(`chroma did not start: ${server} does not exist`);
  const [command, commandArgs] = setpriv
    ? [setpriv, ['--pdeathsig', 'INT', '--', server, ...serverArgs]]
    : [server, serverArgs];
  const started = Date.now();
  const child = spawn(command, commandArgs, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  // Kept for the error message only: the server logs a banner and a line per request.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // A loader or node that cannot be executed fails here, without an exit code.
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const url = `http://${LOOPBACK_HOST}:${port}`;
  const deadline = started + (options.startTimeoutMs ?? 30_000);
  while (!(await heartbeat(url))) {
    if (spawnError) throw new Error(`chroma did not start: ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop(child);
      throw new Error(`chroma did not start on port ${port}: ${output.trim().split('\n').slice(-5).join(' | ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const startupMs = Date.now() - started;
  const version = (await (await fetch(`${url}/api/v2/version`)).json()) as string;
  return { url, version, startupMs, close: () => stop(child) };
}

/** Starts Chroma on a free port; a port taken between the probe and the bind is retried. */
export async function startChroma(options: ChromaServerOptions): Promise<ChromaServer> {
  await mkdir(dirname(options.dataDir), { recursive: true });
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
