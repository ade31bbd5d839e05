// `npm run bench` runs every benchmark; `npm run bench -- NAME...` runs the named ones. Each
// writes its own section of docs/benchmarks.md. A new benchmark is a module exporting
// `run(): Promise<void>`, listed below under the name of its section.
import { QUIET_CORES, waitForQuiet } from './lib/quiet.ts';

interface Benchmark {
  run(): Promise<void>;
}

const benchmarks: Record<string, () => Promise<Benchmark>> = {
  'http-overhead': () => import('./http-overhead.ts'),
  'router-overhead': () => import('./router-overhead.ts'),
  'budget-throughput': () => import('./budget-throughput.ts'),
  'budget-isolates': () => import('./budget-isolates.ts'),
  swarm: () => import('./swarm.ts'),
  'api-load': () => import('./api-load.ts'),
  refusals: () => import('./refusals.ts'),
  'bundle-startup': () => import('./bundle-startup.ts'),
};

function selected(args: string[]): string[] {
  if (args.length === 0) return Object.keys(benchmarks);
  const unknown = args.filter((arg) => !(arg in benchmarks));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
    process.exit(2);
  }
  return args;
}

let failed = 0;
for (const name of selected(process.argv.slice(2))) {
  const load = benchmarks[name];
  if (!load) continue;
  const busy = await waitForQuiet({ maxWaitSeconds: 120, log: (line) => console.log(`[bench] ${line}`) });
  if (!(busy < QUIET_CORES))
    console.warn(`[bench] starting ${name} on a busy machine (${busy.toFixed(2)} cores in use)`);
  const started = Date.now();
  console.log(`[bench] ${name}`);
  try {
    await (await load()).run();
    console.log(`[bench] ${name} done in ${Math.round((Date.now() - started) / 1000)} s`);
  } catch (error) {
    failed++;
    console.error(`[bench] ${name} failed:`, error);
  }
}
// Explicit, so a handle some client library leaves open cannot keep the run alive; Miniflare's
// exit hook still stops workerd and scratch directories are still removed.
process.exit(failed === 0 ? 0 : 1);
