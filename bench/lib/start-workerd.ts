// Serves the Empire Worker's production bundle in one workerd process through Miniflare's API
// (not `wrangler dev`, whose proxy and logging would dominate the figures), next to a bare Hono
// Worker in the same process as the baseline, and any bench fixtures a benchmark asks for. Each
// gets its own direct socket, so no request path goes through Miniflare's entry router.
import { Miniflare } from 'miniflare';
import { bundleWorker } from './bundle.ts';
import { childPids } from './cpu.ts';
import { applyD1Migrations } from './d1-migrations.ts';
import { bareWorkerConfigPath, wranglerConfigPath } from './paths.ts';
import { scratchDir } from './scratch.ts';
import { workerOptions } from './worker-options.ts';
import { readWranglerConfig } from './wrangler-config.ts';

export const BARE_WORKER_NAME = 'bare';

export type WorkerdLog = (level: string, message: string) => void;

export interface StartWorkerdOptions {
  /** Plain-text bindings for the Empire Worker on top of wrangler.toml's [vars]: backing-service URLs, keys. */
  bindings?: Record<string, string>;
  /** Wrangler environment to reproduce; the top-level one when omitted. */
  env?: string;
  /** Plain-text bindings for the bare baseline Worker (its UPSTREAM_CHAT_URL). */
  bareBindings?: Record<string, string>;
  /** Receives the Workers' console output; by default only errors are printed. */
  onLog?: WorkerdLog;
  /**
   * Wrangler configs of more Workers to serve (bench/fixtures), each under its config's name, or
   * under each of `names`: every name is a Worker of its own, so an isolate of its own. They may
   * bind the Empire Worker's Durable Object classes with `script_name`.
   */
  fixtures?: FixtureSpec[];
  /** Opens workerd's V8 inspector on this port (0 picks one), for CPU profiles. */
  inspectorPort?: number;
}

export type FixtureSpec = string | { path: string; names: string[] };

export interface WorkerdStack {
  /** Origin of the Empire Worker, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Origin of the bare Hono Worker served by the same workerd. */
  bareUrl: string;
  /** Origin of each fixture Worker, by its name. */
  fixtureUrls: Record<string, string>;
  /** The Empire Worker's name in `mf`, for getD1Database() and friends. */
  workerName: string;
  /** Processes started here, by label, for measure()'s CPU accounting: { workerd: pid }. */
  processes: Record<string, number>;
  mf: Miniflare;
  dispose(): Promise<void>;
}

const printErrors: WorkerdLog = (level, message) => {
  if (level === 'error') console.error(`[workerd] ${message}`);
};

export async function startWorkerd(options: StartWorkerdOptions = {}): Promise<WorkerdStack> {
  const empire = readWranglerConfig(wranglerConfigPath, options.env);
  const bare = readWranglerConfig(bareWorkerConfigPath);
  const fixtures = (options.fixtures ?? []).map((spec) => {
    const path = typeof spec === 'string' ? spec : spec.path;
    const config = readWranglerConfig(path);
    return { path, config, names: typeof spec === 'string' ? [config.name] : spec.names };
  });
  const [empireBundle, bareBundle, ...fixtureBundles] = await Promise.all([
    bundleWorker({ configPath: wranglerConfigPath, env: options.env, main: empire.main }),
    bundleWorker({ configPath: bareWorkerConfigPath, main: bare.main }),
    ...fixtures.map(({ path, config }) => bundleWorker({ configPath: path, main: config.main })),
  ]);
  const storage = scratchDir('bench-workerd');
  // Same runtime behaviour as the Empire Worker, so only the code differs.
  const compatibility = { date: empire.compatibility_date, flags: empire.compatibility_flags };
  let mf: Miniflare | undefined;
  try {
    const workers = [
      await workerOptions({ config: empire, bundle: empireBundle, bindings: options.bindings }),
      await workerOptions({
        config: bare,
        bundle: bareBundle,
        name: BARE_WORKER_NAME,
        compatibility,
        bindings: options.bareBindings,
      }),
    ];
    for (const [i, { config, names }] of fixtures.entries()) {
      const bundle = fixtureBundles[i];
      if (!bundle) continue;
      for (const name of names) workers.push(await workerOptions({ config, bundle, name, compatibility }));
    }
    const onLog = options.onLog ?? printErrors;
    const earlierWorkerds = new Set(childPids('workerd'));
    mf = new Miniflare({
      host: '127.0.0.1',
      port: 0,
      cf: false,
      logRequests: false,
      enableDevRegistry: false,
      inspectorPort: options.inspectorPort,
      telemetry: { enabled: false },
      resourcePersistencePath: storage.path,
      handleStructuredLogs: ({ level, message }) => onLog(level, message),
      workers,
    });
    await mf.ready;
    const started = childPids('workerd').filter((pid) => !earlierWorkerds.has(pid));
    await applyD1Migrations(mf, empire, empire.name);
    const url = (await mf.unsafeGetDirectURL(empire.name)).origin;
    const bareUrl = (await mf.unsafeGetDirectURL(BARE_WORKER_NAME)).origin;
    const fixtureUrls: Record<string, string> = {};
    for (const name of fixtures.flatMap((fixture) => fixture.names))
      fixtureUrls[name] = (await mf.unsafeGetDirectURL(name)).origin;
    const running = mf;
    return {
      url,
      bareUrl,
      fixtureUrls,
      workerName: empire.name,
      processes: started.length === 1 && started[0] !== undefined ? { workerd: started[0] } : {},
      mf: running,
      dispose: async () => {
        await running.dispose();
        storage.remove();
      },
    };
  } catch (error) {
    await mf?.dispose();
    storage.remove();
    throw error;
  } finally {
    for (const bundle of [empireBundle, bareBundle, ...fixtureBundles]) bundle.dispose();
  }
}
