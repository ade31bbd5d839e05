// API load at 32 connections: `GET /api/brains` (seven Durable Object snapshots), `GET
// /api/crm/leads/:id` (D1 reads) and `POST /v1/chat/completions` (the router to the fake
// upstream), each against the bare Hono route served by the same workerd in the same run.
import { type Row, renderApiLoad } from './api-load-render.ts';
import { requireHealthy } from './lib/health.ts';
import { defaultDurationSeconds, defaultWarmupSeconds, type MeasureOptions, measure } from './lib/load.ts';
import { describeMachine, writeSection } from './lib/report.ts';
import { type BenchStack, startStack } from './lib/stack.ts';

export const name = 'api-load';

const CONNECTIONS = 32;
// Other work may share the machine: wait a little for quiet, not the default half minute.
const SETTLE_SECONDS = 5;

type Target = Pick<MeasureOptions, 'url' | 'method' | 'body' | 'headers'> & { label: string };

async function seedLead(stack: BenchStack): Promise<string> {
  const response = await fetch(`${stack.url}/api/crm/leads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.backing.ownerKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Bench Lead',
      email: `bench-${Date.now().toString(36)}@example.com`,
      company: 'Example Hotels GmbH',
      notes: 'Three sites, wants automated fire-alarm reporting.',
      budgetAmount: 15_000,
      budgetCurrency: 'EUR',
      painLevel: 4,
      timelineDays: 60,
    }),
  });
  if (response.status !== 201) throw new Error(`seeding a lead answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

function targets(stack: BenchStack, leadId: string): { bare: Target; routes: Target[] } {
  const auth = { authorization: `Bearer ${stack.backing.ownerKey}` };
  return {
    bare: { label: 'bare Hono `GET /`', url: `${stack.bareUrl}/` },
    routes: [
      { label: '`GET /api/brains`', url: `${stack.url}/api/brains`, headers: auth },
      { label: '`GET /api/crm/leads/:id`', url: `${stack.url}/api/crm/leads/${leadId}`, headers: auth },
      {
        label: '`POST /v1/chat/completions`',
        url: `${stack.url}/v1/chat/completions`,
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'moonshot/kimi-k2.5',
          messages: [{ role: 'user', content: 'In one line: why pass every LLM call through a budget check?' }],
          max_tokens: 64,
        }),
      },
    ],
  };
}

/** Each route must answer 200 once before it is loaded, or its figures would be of an error path. */
async function preflight(list: Target[]): Promise<void> {
  for (const target of list) {
    const response = await fetch(target.url, {
      method: target.method ?? 'GET',
      headers: target.headers,
      body: target.body,
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${target.label} answered ${response.status}: ${text.slice(0, 300)}`);
  }
}

async function measureTarget(stack: BenchStack, target: Target): Promise<Row['result']> {
  console.log(`[${name}] ${target.label} at ${CONNECTIONS} connections`);
  const { label: _label, ...request } = target;
  return measure({
    ...request,
    connections: CONNECTIONS,
    durationSeconds: defaultDurationSeconds,
    processes: stack.processes,
    settleSeconds: SETTLE_SECONDS,
  });
}

export async function run(): Promise<void> {
  const machine = await describeMachine();
  // The per-client rate limit would refuse most of a load test: lifted out of the way.
  const stack = await startStack({ bindings: { RATE_LIMIT_REQUESTS: '1000000', RATE_LIMIT_WINDOW_SECONDS: '60' } });
  try {
    await requireHealthy(stack.url);
    const { bare, routes } = targets(stack, await seedLead(stack));
    await preflight([bare, ...routes]);
    // The bare route is measured first and last; each route is compared with their mean, and the
    // gap between the two shows how much the shared machine moved during the run.
    const bareFirst = await measureTarget(stack, bare);
    const measured: { label: string; result: Row['result'] }[] = [];
    for (const target of routes) measured.push({ label: target.label, result: await measureTarget(stack, target) });
    const bareLast = await measureTarget(stack, bare);
    await requireHealthy(stack.url);
    const body = renderApiLoad({ first: bareFirst, last: bareLast }, measured, {
      seconds: defaultDurationSeconds,
      warmupSeconds: defaultWarmupSeconds,
      connections: CONNECTIONS,
      cores: machine.cores,
      postgres: stack.backing.postgres,
      redis: stack.backing.redis,
    });
    await writeSection({ name, title: 'API load', machine, body });
  } finally {
    await stack.dispose();
  }
}
