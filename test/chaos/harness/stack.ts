// The product as a user starts it: `node local-stack/dev.ts` in a private copy of the repository
// (node_modules linked), so its .dev.vars, .wrangler/ and .empire/ never touch a developer's.
// The copy keeps its state between starts, so a scenario can SIGKILL the stack and start it again.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDevVars } from '../../../local-stack/dev-vars.ts';
import { freePort, killGroup, killGroupNow, sleep } from './processes.ts';
import { acquireSlot } from './slot.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** The Node that `npm start` runs (the package's own, as npm puts it first on PATH), else this one. */
const projectNode = join(repoRoot, 'node_modules/.bin/node');
const node = existsSync(projectNode) ? projectNode : process.execPath;
/** Left out of the copy: a developer's state and secrets, and what is linked instead. */
const skipped = new Set(['node_modules', '.git', '.wrangler', '.empire', '.dev.vars', 'coverage', 'test-results']);
/** Never inherited from the shell running the tests: the stack gets only what the scenario says. */
const inheritedNot = [
  'DATABASE_URL',
  'REDIS_URL',
  'UPSTASH_REDIS_REST_URL',
  'UPSTASH_REDIS_REST_TOKEN',
  'CHROMA_URL',
  'OLLAMA_URL',
  'MOONSHOT_API_KEY',
  'ANTHROPIC_API_KEY',
  'PORT',
];

export interface StackOptions {
  databaseUrl?: string;
  redisUrl?: string;
  /** Worker vars (knobs such as BUDGET_LEASE_TTL_SECONDS), written to the copy's .dev.vars. */
  vars?: Record<string, string>;
}

export interface Stack {
  baseUrl: string;
  /** The owner key the stack wrote into its .dev.vars on first start. */
  key: string;
  dir: string;
  start(): Promise<void>;
  /** SIGKILL to the whole process group: wrangler, workerd and the fake services die together. */
  kill(): Promise<void>;
  destroy(): Promise<void>;
  logTail(lines?: number): Promise<string>;
  /** Everything the stack printed (dev.ts, wrangler and the app's lines) and wrangler's own log files. */
  outputs(): Promise<{ name: string; text: string }[]>;
  /** The fake LLM upstream of the current start (a new one, on a new port, after every start). */
  fakeLlmUrl(): Promise<string>;
}

export async function createStack(options: StackOptions = {}): Promise<Stack> {
  const release = await acquireSlot();
  const dir = await mkdtemp(join(tmpdir(), 'empire-chaos-stack-'));
  try {
    await cp(repoRoot, dir, { recursive: true, filter: (source) => !skipped.has(basename(source)) });
    await symlink(await realpath(join(repoRoot, 'node_modules')), join(dir, 'node_modules'));
    const vars = Object.entries(options.vars ?? {});
    await writeFile(join(dir, '.dev.vars'), vars.map(([name, value]) => `${name}=${value}\n`).join(''));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    await release();
    throw error;
  }

  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of inheritedNot) delete env[name];
  Object.assign(env, {
    PORT: String(port),
    // Nothing listens here: memory is skipped, and no local Chroma is prepared (it costs time).
    CHROMA_URL: 'http://127.0.0.1:9',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
  });
  const logPath = join(dir, 'stack.log');
  // wrangler also writes what it logs to files (by default under ~/.config/.wrangler/logs): here,
  // in the copy, so a scenario can read them and a developer's folder is not filled.
  const wranglerLogs = join(dir, 'wrangler-logs');
  env.WRANGLER_LOG_PATH = wranglerLogs;
  let child: ChildProcess | undefined;
  let onExit: (() => void) | undefined;
  const stack: Stack = {
    baseUrl: `http://127.0.0.1:${port}`,
    key: '',
    dir,
    async start() {
      const log = openSync(logPath, 'a');
      child = spawn(node, ['local-stack/dev.ts'], { cwd: dir, env, detached: true, stdio: ['ignore', log, log] });
      const group = child.pid;
      // Detached, the stack would outlive a test run that is itself killed: take it down on exit.
      onExit = () => group && killGroupNow(group);
      process.once('exit', onExit);
      const exited = new Promise<void>((resolve) => child?.once('exit', () => resolve()));
      let up = false;
      while (!up) {
        if (child.exitCode !== null) throw new Error(`the stack exited (${child.exitCode}):\n${await stack.logTail()}`);
        up = await fetch(`${stack.baseUrl}/api/health`).then(
          (response) => response.status < 500 || response.status === 503,
          () => false,
        );
        if (!up) await Promise.race([sleep(250), exited]);
      }
      stack.key = (await readDevVars(join(dir, '.dev.vars'))).EMPIRE_DEV_OWNER_KEY ?? '';
      if (!stack.key) throw new Error('the stack wrote no EMPIRE_DEV_OWNER_KEY');
    },
    async kill() {
      if (child?.pid) await killGroup(child.pid);
      if (onExit) process.off('exit', onExit);
      child = undefined;
    },
    async destroy() {
      await stack.kill();
      await rm(dir, { recursive: true, force: true });
      await release();
    },
    async logTail(lines = 60) {
      const text = await readFile(logPath, 'utf8').catch(() => '');
      // The request lines of the scenario's own polling would hide what went wrong.
      const telling = text.split('\n').filter((line) => !line.includes('"message":"request"'));
      return telling.slice(-lines).join('\n');
    },
    async outputs() {
      const files = await readdir(wranglerLogs).catch(() => []);
      return [
        { name: 'stack.log', text: await readFile(logPath, 'utf8').catch(() => '') },
        ...(await Promise.all(
          files.map(async (file) => ({ name: file, text: await readFile(join(wranglerLogs, file), 'utf8') })),
        )),
      ];
    },
    async fakeLlmUrl() {
      // dev.ts logs where it started the fake; the log is appended to, so the last line is this start's.
      const text = await readFile(logPath, 'utf8');
      const url = [...text.matchAll(/fake upstream .* at (http:\/\/\S+)/g)].at(-1)?.[1];
      if (!url) throw new Error('the stack started no fake LLM upstream');
      return url;
    },
  };
  return stack;
}
