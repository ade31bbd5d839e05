// What the Empire Worker's HTTP stack costs per request: its `GET /` (every middleware, no I/O)
// and `GET /api/health` (every dependency) against a bare Hono route served by the same workerd.
import { type Row, renderHttpOverhead } from './http-overhead-render.ts';
import { checkLatencies, requireHealthy } from './lib/health.ts';
import { defaultDurationSeconds, defaultWarmupSeconds, type Measurement, measure } from './lib/load.ts';
import { describeMachine, writeSection } from './lib/report.ts';
import { type BenchStack, startStack } from './lib/stack.ts';

export const name = 'http-overhead';

const CONNECTIONS = [1, 32];
const HEALTH_SAMPLES = 20;

interface Target {
  label: string;
  url: (stack: BenchStack) => string;
  /** Re-measure while unlabelled processes were busy: only where none should be (no Postgres). */
  attempts: number;
}

const bareTarget: Target = { label: 'bare Hono `GET /`', url: (stack) => `${stack.bareUrl}/`, attempts: 3 };
const empireTargets: Target[] = [
  { label: 'Empire `GET /`', url: (stack) => `${stack.url}/`, attempts: 3 },
  { label: 'Empire `GET /api/health`', url: (stack) => `${stack.url}/api/health`, attempts: 1 },
];

async function measureTarget(stack: BenchStack, target: Target, connections: number): Promise<Measurement> {
  console.log(`[${name}] ${target.label} at ${connections} connection(s)`);
  const { processes } = stack;
  const { attempts } = target;
  return measure({ url: target.url(stack), connections, durationSeconds: defaultDurationSeconds, processes, attempts });
}

async function measureAll(stack: BenchStack): Promise<Row[]> {
  const rows: Row[] = [];
  for (const connections of CONNECTIONS) {
    const bare = await measureTarget(stack, bareTarget, connections);
    rows.push({ label: bareTarget.label, connections, result: bare, bare });
    for (const target of empireTargets) {
      rows.push({ label: target.label, connections, result: await measureTarget(stack, target, connections), bare });
    }
  }
  return rows;
}

export async function run(): Promise<void> {
  const machine = await describeMachine();
  const stack = await startStack();
  try {
    await requireHealthy(stack.url);
    const rows = await measureAll(stack);
    // Still healthy afterwards, or the figures may include a dependency giving way.
    await requireHealthy(stack.url);
    const body = renderHttpOverhead(rows, {
      seconds: defaultDurationSeconds,
      warmupSeconds: defaultWarmupSeconds,
      cores: machine.cores,
      postgres: stack.backing.postgres,
      redis: stack.backing.redis,
      healthSamples: HEALTH_SAMPLES,
      checkLatencies: await checkLatencies(stack.url, HEALTH_SAMPLES),
    });
    await writeSection({ name, title: 'HTTP overhead', machine, body });
  } finally {
    await stack.dispose();
  }
}
