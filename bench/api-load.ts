// API load: closed loop at 32 connections for `GET /api/brains` (the seven agents' status),
// `GET /api/crm/leads/:id` (D1 reads) and `POST /v1/chat/completions` (the router to the fake
// upstream), each against the bare Hono route served by the same workerd in the same run; then
// the two read routes in open loop at half the capacity the closed loop measured for each.
import { checkGoals, goalLines, type OpenRow, type Row, renderApiLoad } from './api-load-render.ts';
import { requireHealthy } from './lib/health.ts';
import { defaultDurationSeconds, defaultWarmupSeconds, type MeasureOptions, measure } from './lib/load.ts';
import { measureOpenLoop } from './lib/open-loop.ts';
import { describeMachine, writeSection } from './lib/report.ts';
import { seedLead } from './lib/seed-lead.ts';
import { type BenchStack, startStack } from './lib/stack.ts';

export const name = 'api-load';

const CONNECTIONS = 32;
// Other work may share the machine: wait a little for quiet, not the default half minute.
const SETTLE_SECONDS = 5;

type Target = Pick<MeasureOptions, 'url' | 'method' | 'body' | 'headers'> & {
  label: string;
  /** Also measured in open loop, at this share of its closed-loop capacity. */
  openLoopShare?: number;
};

/** The open-loop rate, as a share of the route's closed-loop capacity in the same run. */
const OPEN_LOOP_SHARE = 0.5;

function targets(stack: BenchStack, leadId: string): { bare: Target; routes: Target[] } {
  const auth = { authorization: `Bearer ${stack.backing.ownerKey}` };
  return {
    bare: { label: 'bare Hono `GET /`', url: `${stack.bareUrl}/` },
    routes: [
      { label: '`GET /api/brains`', url: `${stack.url}/api/brains`, headers: auth, openLoopShare: OPEN_LOOP_SHARE },
      {
        label: '`GET /api/crm/leads/:id`',
        url: `${stack.url}/api/crm/leads/${leadId}`,
        headers: auth,
        openLoopShare: OPEN_LOOP_SHARE,
      },
      // The floor of the lead route under Miniflare: the same D1 batch from the bare Worker.
      { label: 'bare Hono, the same D1 batch `GET /d1/leads/:id`', url: `${stack.bareUrl}/d1/leads/${leadId}` },
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
  const { label: _label, openLoopShare: _share, ...request } = target;
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
    const open: OpenRow[] = [];
    // The bare route in open loop too, at half its own capacity: the tail the machine gives alone.
    const closedRates = [
      ...measured,
      { label: bare.label, result: bareFirst.requestsPerSecond < bareLast.requestsPerSecond ? bareFirst : bareLast },
    ];
    for (const target of [...routes, { ...bare, openLoopShare: OPEN_LOOP_SHARE }]) {
      const closed = closedRates.find((row) => row.label === target.label)?.result;
      if (!target.openLoopShare || !closed) continue;
      const rate = Math.max(1, Math.round(closed.requestsPerSecond * target.openLoopShare));
      console.log(`[${name}] ${target.label} in open loop at ${rate} req/s`);
      const { label, openLoopShare: _share, ...request } = target;
      const result = await measureOpenLoop({
        ...request,
        rate,
        durationSeconds: defaultDurationSeconds,
        processes: stack.processes,
        settleSeconds: SETTLE_SECONDS,
      });
      open.push({ label, share: target.openLoopShare, result });
    }
    await requireHealthy(stack.url);
    for (const line of goalLines(checkGoals({ first: bareFirst, last: bareLast }, measured, open))) {
      console.log(`[${name}] ${line.replaceAll('**', '')}`);
    }
    const body = renderApiLoad({ first: bareFirst, last: bareLast }, measured, open, {
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
