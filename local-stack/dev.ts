// `npm start`: the Worker under `wrangler dev` (D1, Durable Objects, Queues and Cron in
// workerd) plus whatever backing service is not configured, started here and stopped on Ctrl-C.
// Cron Triggers fire only through /__scheduled locally; the sweep's is fired here on its schedule.
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '../src/lib/error-message.ts';
import { startBackingServices } from './backing-services.ts';
import { readDevVars } from './dev-vars.ts';
import { copyWithoutRequestLog } from './request-log-filter.ts';
import { type ChromaServer, prepareChromaLibs, startChroma } from './services/chroma-server.ts';
import { type SweepTicker, startSweepTicker } from './sweep-ticker.ts';
import { configProblem, workerVars } from './worker-config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.PORT ?? '8787';
const wranglerCli = join(root, 'node_modules/wrangler/bin/wrangler.js');
const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };
const log = (line: string) => console.log(`[empire] ${line}`);

function runWrangler(args: string[]): ChildProcess {
  return spawn(process.execPath, [wranglerCli, ...args], { cwd: root, env: quietEnv, stdio: 'inherit' });
}

/** `wrangler dev` with its request log left out of its output (see request-log-filter.ts). */
function runWranglerDev(args: string[]): ChildProcess {
  // Piped, wrangler would print without colours; a terminal here still gets them.
  const env = process.stdout.isTTY && !process.env.FORCE_COLOR ? { ...quietEnv, FORCE_COLOR: '1' } : quietEnv;
  const child = spawn(process.execPath, [wranglerCli, 'dev', ...args], {
    cwd: root,
    env,
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  if (child.stdout) copyWithoutRequestLog(child.stdout, process.stdout);
  return child;
}

function finished(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

const configured = { ...(await readDevVars(join(root, '.dev.vars'))), ...process.env };
const has = (name: string) => Boolean(configured[name]);

// The first start makes an owner key, so the API can be used right away; wrangler reads .dev.vars.
if (!has('EMPIRE_DEV_OWNER_KEY')) {
  const { generateApiKey } = await import('../src/auth/api-keys.ts');
  const key = generateApiKey();
  await appendFile(
    join(root, '.dev.vars'),
    `\n# Written by npm start: the local owner API key.\nEMPIRE_DEV_OWNER_KEY=${key}\n`,
  );
  configured.EMPIRE_DEV_OWNER_KEY = key;
  log(`owner key  ${key}  (new, saved in .dev.vars)`);
} else {
  log('owner key  EMPIRE_DEV_OWNER_KEY in .dev.vars');
}
// Workflow webhooks seal their secrets with this key; a random one per checkout is enough locally.
if (!has('WORKFLOW_WEBHOOK_KEY')) {
  const key = [...crypto.getRandomValues(new Uint8Array(32))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
  await appendFile(
    join(root, '.dev.vars'),
    `\n# Written by npm start: seals the workflows' webhook secrets.\nWORKFLOW_WEBHOOK_KEY=${key}\n`,
  );
  configured.WORKFLOW_WEBHOOK_KEY = key;
}
const services = await startBackingServices({
  databaseUrl: configured.DATABASE_URL || undefined,
  pgliteDir: join(root, '.empire/pglite'),
  redisUrl: configured.REDIS_URL || undefined,
  fakeLlm: !(has('OLLAMA_URL') && has('MOONSHOT_API_KEY') && has('ANTHROPIC_API_KEY')),
  log,
});

// Only what the user did not configure is filled in; their .dev.vars keeps precedence.
const vars: Record<string, string> = { DATABASE_URL: services.databaseUrl };
if (services.neonWsProxy) vars.NEON_WS_PROXY = services.neonWsProxy;
if (!has('UPSTASH_REDIS_REST_URL')) {
  vars.UPSTASH_REDIS_REST_URL = services.redisRestUrl;
  vars.UPSTASH_REDIS_REST_TOKEN = services.redisRestToken;
}
if (services.fakeLlmUrl) {
  if (!has('OLLAMA_URL')) vars.OLLAMA_URL = `${services.fakeLlmUrl}/ollama`;
  if (!has('MOONSHOT_API_KEY')) {
    vars.MOONSHOT_API_KEY = 'fake-moonshot-key';
    vars.MOONSHOT_BASE_URL = `${services.fakeLlmUrl}/moonshot/v1`;
  }
  if (!has('ANTHROPIC_API_KEY')) {
    vars.ANTHROPIC_API_KEY = 'fake-anthropic-key';
    vars.ANTHROPIC_BASE_URL = `${services.fakeLlmUrl}/anthropic`;
  }
  if (!has('OPENAI_API_KEY')) {
    vars.OPENAI_API_KEY = 'fake-openai-key';
    vars.OPENAI_BASE_URL = `${services.fakeLlmUrl}/openai/v1`;
  }
}
// Long-term memory: a configured Chroma, else a local one when its runtime can be prepared here.
let chroma: ChromaServer | undefined;
if (configured.CHROMA_URL) {
  vars.CHROMA_URL = configured.CHROMA_URL;
  log(`chroma     ${configured.CHROMA_URL} (configured)`);
} else {
  try {
    chroma = await startChroma({ dataDir: join(root, '.empire/chroma'), libsDir: await prepareChromaLibs() });
    vars.CHROMA_URL = chroma.url;
    log(`chroma     ${chroma.version} at ${chroma.url}, data in .empire/chroma (started in ${chroma.startupMs} ms)`);
  } catch (error) {
    log(`chroma     not started, memory stays not_configured: ${errorMessage(error)}`);
  }
}
if (vars.CHROMA_URL && !has('MEMORY_EMBEDDINGS'))
  log(
    'memory     embeddings from local-hash (feature hashing, no model); set MEMORY_EMBEDDINGS=ollama for nomic-embed-text',
  );

// Lets `npm run key:create` find the embedded database while this stack runs.
await mkdir(join(root, '.empire'), { recursive: true });
await writeFile(
  join(root, '.empire/dev-services.json'),
  JSON.stringify({ databaseUrl: services.databaseUrl, neonWsProxy: services.neonWsProxy }, null, 2),
);

let wrangler: ChildProcess | undefined;
let sweepTicker: SweepTicker | undefined;
// Ctrl-C ends wrangler, whose exit calls stop() a second time: both wait for the one cleanup,
// so the process never exits while Chroma or the other services are still being closed.
let stopping: Promise<void> | undefined;
async function stop(code: number): Promise<never> {
  stopping ??= (async () => {
    sweepTicker?.stop();
    // SIGTERM to wrangler's own node process stops its whole tree (workerd included).
    if (wrangler && wrangler.exitCode === null) {
      wrangler.kill('SIGTERM');
      await finished(wrangler);
    }
    await chroma?.close();
    await services.close();
  })();
  await stopping;
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

// A bad variable stops the start here, named, rather than as a 500 on every request.
const problem = configProblem(await workerVars(root, vars));
if (problem) {
  log(problem);
  await stop(1);
}

const migrated = await finished(runWrangler(['d1', 'migrations', 'apply', 'DB', '--local']));
if (migrated !== 0) {
  log('D1 migrations failed');
  await stop(migrated);
}

const varArgs = Object.entries(vars).flatMap(([key, value]) => ['--var', `${key}:${value}`]);
wrangler = runWranglerDev([
  '--ip',
  '127.0.0.1',
  '--port',
  port,
  '--test-scheduled',
  '--show-interactive-dev-session=false',
  ...varArgs,
]);
sweepTicker = startSweepTicker(`http://127.0.0.1:${port}`, log);
log(`worker     http://127.0.0.1:${port}  (health: /api/health, cron: /__scheduled?cron=5+*+*+*+*)`);
log('sweep      every 5 minutes: runs and deferred calls a crash left unfinished are carried on');
log(`dashboard  http://127.0.0.1:${port}/dashboard/  (log in with the owner key)`);
await stop(await finished(wrangler));
