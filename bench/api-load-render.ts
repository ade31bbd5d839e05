// The api-load section of docs/benchmarks.md.
import { cores, markdownTable, ms, rate, ratio } from './lib/format.ts';
import type { Measurement } from './lib/load.ts';
import type { OpenLoopMeasurement } from './lib/open-loop.ts';
import { LATE_AFTER_MS } from './lib/open-loop-types.ts';

export interface Row {
  label: string;
  result: Measurement;
}

/** A route in open loop at `share` of its closed-loop capacity. */
export interface OpenRow {
  label: string;
  share: number;
  result: OpenLoopMeasurement;
}

/** The performance goal for the read routes: each must meet both. */
export const GOAL = { minThroughputVsBare: 0.25, maxOpenLoopP99Ms: 50 } as const;

export interface GoalCheck {
  label: string;
  throughputVsBare: number;
  openLoopP99Ms: number;
  met: boolean;
}

export interface Context {
  seconds: number;
  warmupSeconds: number;
  connections: number;
  cores: number;
  postgres: string;
  redis: string;
}

const right = (columns: number) => [false, ...Array<boolean>(columns - 1).fill(true)];
const mean = (a: number, b: number) => (a + b) / 2;
const bareRate = (bare: { first: Measurement; last: Measurement }) =>
  mean(bare.first.requestsPerSecond, bare.last.requestsPerSecond);

/** Each open-loop route against the goal: its closed-loop req/s × bare, and its open-loop p99. */
export function checkGoals(bare: { first: Measurement; last: Measurement }, rows: Row[], open: OpenRow[]): GoalCheck[] {
  const routes = new Set(rows.map((row) => row.label));
  return open
    .filter(({ label }) => routes.has(label))
    .map(({ label, result }) => {
      const closed = rows.find((row) => row.label === label)?.result.requestsPerSecond ?? Number.NaN;
      const throughputVsBare = closed / bareRate(bare);
      const failures = result.non2xx + result.errors;
      const met =
        throughputVsBare >= GOAL.minThroughputVsBare && result.p99Ms < GOAL.maxOpenLoopP99Ms && failures === 0;
      return { label, throughputVsBare, openLoopP99Ms: result.p99Ms, met };
    });
}

export function goalLines(checks: GoalCheck[]): string[] {
  return checks.map(
    (check) =>
      `${check.label}: ${ratio(check.throughputVsBare)} bare (goal ≥ ${GOAL.minThroughputVsBare}×), open-loop p99 ${ms(check.openLoopP99Ms)} ms (goal < ${GOAL.maxOpenLoopP99Ms} ms): ${check.met ? '**met**' : '**missed**'}`,
  );
}

function openLoopTable(open: OpenRow[]): string {
  const header = [
    'Route',
    'Rate req/s',
    'Achieved req/s',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'max ms',
    'Failed',
    'Late sends',
    'Worst lag ms',
  ];
  const cells = open.map(({ label, result }) => {
    const failures = result.non2xx + result.errors;
    return [
      label,
      rate(result.rate),
      rate(result.achievedRate),
      ms(result.p50Ms),
      ms(result.p90Ms),
      ms(result.p99Ms),
      ms(result.maxMs),
      failures === 0 ? '0' : `**${failures}**`,
      rate(result.lateSends),
      ms(result.maxSendLagMs),
    ];
  });
  return markdownTable(header, cells, right(header.length));
}

function latencyTable(bare: { first: Measurement; last: Measurement }, rows: Row[]): string {
  const base = {
    rps: bareRate(bare),
    p50: mean(bare.first.p50Ms, bare.last.p50Ms),
    p99: mean(bare.first.p99Ms, bare.last.p99Ms),
  };
  const header = [
    'Route',
    'req/s',
    'p50 ms',
    'p99 ms',
    'req/s × bare',
    'p50 × bare',
    'p99 × bare',
    'workerd CPU ms/req',
    'Failed',
  ];
  const line = (label: string, result: Measurement, compare: boolean) => {
    const failures = result.non2xx + result.errors;
    return [
      label,
      rate(result.requestsPerSecond),
      ms(result.p50Ms),
      ms(result.p99Ms),
      compare ? ratio(result.requestsPerSecond / base.rps) : '',
      compare ? ratio(result.p50Ms / base.p50) : '',
      compare ? ratio(result.p99Ms / base.p99) : '',
      ms(((result.cores.workerd ?? Number.NaN) / result.requestsPerSecond) * 1000),
      failures === 0 ? '0' : `**${failures}**`,
    ];
  };
  const cells = [
    line('bare Hono `GET /` (first)', bare.first, false),
    ...rows.map((row) => line(row.label, row.result, true)),
    line('bare Hono `GET /` (last)', bare.last, false),
  ];
  return markdownTable(header, cells, right(header.length));
}

function cpuTable(bare: { first: Measurement; last: Measurement }, rows: Row[], open: OpenRow[]): string {
  const header = ['Route', 'Busy before', 'workerd', 'Benchmark process', 'Load client', 'Interrupts', 'Other'];
  const all: { label: string; result: { cores: Record<string, number> } }[] = [
    { label: 'bare (first)', result: bare.first },
    ...rows,
    { label: 'bare (last)', result: bare.last },
    ...open.map(({ label, result }) => ({ label: `${label} open loop`, result })),
  ];
  const cells = all.map(({ label, result }) => {
    const { before, workerd, runner, client, interrupts, other } = result.cores;
    return [label, ...[before, workerd, runner, client, interrupts, other].map(cores)];
  });
  return markdownTable(header, cells, right(header.length));
}

/** One sentence on how shared the machine was, from what other processes used while measuring. */
export function sharingNote(measurements: Measurement[], totalCores: number): string {
  const other = measurements.map((m) => m.cores.other ?? Number.NaN).filter(Number.isFinite);
  if (other.length === 0) return '';
  const low = Math.min(...other);
  const high = Math.max(...other);
  if (high < 0.25) return 'The machine was otherwise idle during this run.';
  return `**The machine was shared during this run**: other work (not part of the benchmark) used ${cores(low)}–${cores(high)} of its ${totalCores} cores while each route was measured, leaving workerd a small share. The absolute figures are far below what an idle machine gives; only the ratios, measured back to back under the same load, are meaningful, and even they carry that noise.`;
}

export function renderApiLoad(
  bare: { first: Measurement; last: Measurement },
  rows: Row[],
  open: OpenRow[],
  context: Context,
): string {
  const share = open[0]?.share ?? 0.5;
  return `**Goal**: \`GET /api/brains\` and \`GET /api/crm/leads/:id\` each at least ${GOAL.minThroughputVsBare}× the bare
route's closed-loop req/s, and p99 under ${GOAL.maxOpenLoopP99Ms} ms in open loop at ${share}× their own closed-loop
capacity from the same run.

${goalLines(checkGoals(bare, rows, open))
  .map((line) => `- ${line}`)
  .join('\n')}

### Closed loop

Closed loop at ${context.connections} connections (each keeps one request in flight); ${context.seconds} s
measured after a ${context.warmupSeconds} s warm-up, per route, all in one run against one workerd. "× bare"
divides by the mean of the bare Hono route measured first and last in the same run (lower is better
for latency, higher for req/s); the gap between those two shows how much the machine's other load
moved while the run lasted. workerd CPU per request (its CPU time over the requests answered) holds
better than req/s when the machine is shared. Failed counts non-2xx responses and connection errors.

${sharingNote([bare.first, ...rows.map((row) => row.result), bare.last], context.cores)}

${latencyTable(bare, rows)}

- **\`GET /api/brains\`**: owner key (SHA-256, compared with the configured development key), the
  rate limit (tokens drawn ahead from Redis in blocks over the Upstash REST bridge), then the
  seven agents' summaries, read from their BrainAgent Durable Objects at most once a second per
  isolate (\`workers/brain-summaries.ts\`).
- **\`GET /api/crm/leads/:id\`**: the same auth and rate limit, then one D1 batch (the lead and
  its recent events); the lead was created before the run.
- **bare Hono, the same D1 batch**: the bare Worker sends the lead route's two statements as one
  D1 batch to the same database, with nothing else around them: what the read costs the platform
  alone. Under Miniflare the D1 database runs in the same workerd (its SQLite and the JSON both
  ways), so its CPU counts against every D1 route here; in production it runs elsewhere.
- **\`POST /v1/chat/completions\`**: auth, rate limit, route plan, a budget lease from the
  BudgetLedger Durable Object, the call to the fake Moonshot upstream (OpenAI wire format, 64
  tokens at most) and the ledger entry sent to the queue after the response. It is not cached
  (no \`x-empire-cache: 1\`), and it is not written to the audit log, which takes state-changing
  \`/api\` calls only.

Redis: ${context.redis}. Postgres: ${context.postgres}. The fake LLM, the Upstash bridge and the
Neon proxy run in the benchmark process.

### Open loop

Requests sent on a schedule (Poisson arrivals at the rate shown, ${context.seconds} s after a
${context.warmupSeconds} s warm-up at the same rate) whether or not earlier ones were answered, from a client in its own
process over at most 128 keep-alive sockets (node:http). Latency runs from each request's *scheduled* time to
the end of its response, so a stall is charged for every request it delayed, and waiting for a
free socket counts. Late sends are requests the client itself sent more than ${LATE_AFTER_MS} ms after their
scheduled time (the generator falling behind, not the server); when many, the row says more about
the shared machine than the route. The bare route runs the same way at half its own closed-loop
capacity: its tail is what the machine (the client and workerd on the same cores) gives with no
application at all.

${openLoopTable(open)}

### CPU

CPU in use while measuring, in cores (of ${context.cores}). "Busy before" is the whole machine
just before the measurement started; "Other" is every process not part of the benchmark during
it. When either is high, the machine was shared with other work and the absolute figures are
lower than an idle machine would give; the ratios, measured back to back, hold better.

${cpuTable(bare, rows, open)}`;
}
