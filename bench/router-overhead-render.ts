// The router-overhead section of docs/benchmarks.md.
import { type CpuRow, cpuTable } from './lib/cpu-table.ts';
import { markdownTable, micros, ms, rate } from './lib/format.ts';
import type { RunSpend } from './lib/spend-ledger.ts';

export const GOAL_ADDED_P50_MS = 1;
export const GOAL_ADDED_P99_MS = 3;

export type Row = CpuRow;

/**
 * One round at 1 connection: the call made straight from a bare Worker with plain `fetch`, then
 * with the `openai` SDK, then through the router.
 */
export interface Round {
  worker: Row;
  workerSdk: Row;
  routed: Row;
}

type Baseline = 'worker' | 'workerSdk';

/** What was recorded for the 32-connection run, tagged with its own swarm-run scope. */
export interface Accounting {
  run: string;
  /** 200 responses the client received, warm-up included, and their `empire.cost_micros` added up. */
  okResponses: number;
  responseCostMicros: number;
  /** The BudgetLedger 'global' object's usage of the run scope, after every lease closed. */
  ledgerSpentMicros: number;
  ledgerCalls: number;
  globalReservedMicros: number;
  runReservedMicros: number;
  settledMs: number;
  postgres: RunSpend;
  postgresWaitedMs: number;
}

export interface Context {
  seconds: number;
  warmupSeconds: number;
  /** Uncounted calls each Worker served once before its first round. */
  primeSeconds: number;
  cores: number;
  maxTokens: number;
  /** Whether routed calls passed the API's per-client rate limit. */
  rateLimited: boolean;
  postgres: string;
  redis: string;
}

const right = (columns: number) => [false, ...Array<boolean>(columns - 1).fill(true)];

const rowLabel = ({ label, measurement }: Row) =>
  measurement.attempts > 1 ? `${label} (best of ${measurement.attempts})` : label;

function latencyTable(rows: Row[]): string {
  const header = ['Path', 'Conns', 'req/s', 'p50 ms', 'p99 ms', 'Failed'];
  const cells = rows.map((row) => {
    const { connections, measurement: m } = row;
    const failures = m.non2xx + m.errors;
    return [
      rowLabel(row),
      String(connections),
      rate(m.requestsPerSecond),
      ms(m.p50Ms),
      ms(m.p99Ms),
      failures === 0 ? '0' : `**${failures}**`,
    ];
  });
  return markdownTable(header, cells, right(header.length));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

const added = (round: Round, baseline: Baseline, key: 'p50Ms' | 'p99Ms') =>
  round.routed.measurement[key] - round[baseline].measurement[key];

const medianAdded = (rounds: Round[], baseline: Baseline, key: 'p50Ms' | 'p99Ms') =>
  median(rounds.map((round) => added(round, baseline, key)));

/**
 * The router's added latency per round, and the median round's. The goals are held to the call a
 * Worker makes to Kimi without the router, through the same SDK; over plain `fetch` is beside it.
 */
function addedTable(rounds: Round[]): string {
  const verdict = (value: number, goal: number) => (value <= goal ? 'met' : '**missed**');
  const p50 = medianAdded(rounds, 'workerSdk', 'p50Ms');
  const p99 = medianAdded(rounds, 'workerSdk', 'p99Ms');
  const cells = rounds.map((round, index) => [
    `Round ${index + 1}`,
    ms(added(round, 'workerSdk', 'p50Ms')),
    ms(added(round, 'workerSdk', 'p99Ms')),
    ms(added(round, 'worker', 'p50Ms')),
    ms(added(round, 'worker', 'p99Ms')),
  ]);
  cells.push(
    [
      `**Median** (goal)`,
      `**${ms(p50)}** (≤ ${GOAL_ADDED_P50_MS})`,
      `**${ms(p99)}** (≤ ${GOAL_ADDED_P99_MS})`,
      ms(medianAdded(rounds, 'worker', 'p50Ms')),
      ms(medianAdded(rounds, 'worker', 'p99Ms')),
    ],
    ['Goal', verdict(p50, GOAL_ADDED_P50_MS), verdict(p99, GOAL_ADDED_P99_MS), '', ''],
  );
  const header = [
    'Added by the router, 1 connection',
    'over the SDK call: p50 ms',
    'p99 ms',
    'over plain fetch: p50 ms',
    'p99 ms',
  ];
  return markdownTable(header, cells, right(header.length));
}

/** Router against the client's own direct call: what a caller sees, the Worker's hop included. */
function overDirectText(direct: Row | undefined, rounds: Round[]): string {
  if (!direct) return '';
  const p50 = median(rounds.map((round) => round.routed.measurement.p50Ms)) - direct.measurement.p50Ms;
  const p99 = median(rounds.map((round) => round.routed.measurement.p99Ms)) - direct.measurement.p99Ms;
  const hop = median(rounds.map((round) => round.worker.measurement.p50Ms)) - direct.measurement.p50Ms;
  return `\n\nAgainst the client's own direct call, the routed call took ${ms(p50)} ms more at p50 and ${ms(p99)} ms more
at p99 (median rounds); of the p50, ${ms(hop)} ms is the Worker's hop itself, which the bare Worker pays too.
Where the slowest calls spent their time is in \`docs/latency-notes.md\`.`;
}

function accountingTable(a: Accounting): string {
  const check = (held: boolean) => (held ? 'held' : '**failed**');
  const rows = [
    [
      'Ledger spent (run scope) = Σ `empire.cost_micros` of the 200 responses',
      `${micros(a.ledgerSpentMicros)} = ${micros(a.responseCostMicros)}`,
      check(a.ledgerSpentMicros === a.responseCostMicros),
    ],
    [
      'Ledger settled calls (run scope) = 200 responses',
      `${micros(a.ledgerCalls)} = ${micros(a.okResponses)}`,
      check(a.ledgerCalls === a.okResponses),
    ],
    [
      'Reserved after the leases closed (global, run scope)',
      `${micros(a.globalReservedMicros)}, ${micros(a.runReservedMicros)} (after ${a.settledMs} ms)`,
      check(a.globalReservedMicros === 0 && a.runReservedMicros === 0),
    ],
    [
      'Postgres `spend_ledger` ok rows of the run = 200 responses',
      `${micros(a.postgres.okCalls)} = ${micros(a.okResponses)} (${micros(a.postgres.rows)} rows in all)`,
      check(a.postgres.okCalls === a.okResponses && a.postgres.rows === a.okResponses),
    ],
    [
      'Postgres Σ `cost_micros` of the run = ledger spent',
      `${micros(a.postgres.okCostMicros)} = ${micros(a.ledgerSpentMicros)} (written within ${a.postgresWaitedMs} ms)`,
      check(a.postgres.okCostMicros === a.ledgerSpentMicros),
    ],
  ];
  return markdownTable(['Check after the 32-connection run', 'Figures (micros, calls)', ''], rows, [
    false,
    true,
    false,
  ]);
}

/** Says so when workerd was the limit of the loaded row: then calls/s is its CPU time per call, inverted. */
function saturationText(load: Row | undefined): string {
  const workerd = load?.measurement.cores.workerd;
  if (!load || workerd === undefined || workerd < 0.95) return '';
  const perCall = (workerd * 1000) / load.measurement.requestsPerSecond;
  return `\n\nAt ${load.connections} connections workerd was busy throughout (${workerd.toFixed(2)} cores), so that row's
calls per second are set by workerd's CPU time per routed call, ${ms(perCall)} ms.`;
}

export function renderRouterOverhead(rows: Row[], rounds: Round[], accounting: Accounting, context: Context): string {
  const direct = rows[0];
  const load = rows.at(-1);
  return `The same chat completion (one user message, \`max_tokens\` ${context.maxTokens}), sent four ways to the same
fake upstream (\`local-stack/services/fake-llm.ts\`, in the benchmark process):

- **Direct**: \`POST /moonshot/v1/chat/completions\` on the fake, model \`kimi-k2.5\`.
- **Direct from a Worker**: the bare Hono Worker (\`bench/fixtures/bare-hono.ts\`), served by the same workerd,
  reads the JSON body and posts it to the fake with plain \`fetch\`, then answers with the fake's JSON.
- **Direct from a Worker, SDK**: the same Worker makes the same call through the \`openai\` SDK, one client
  per key and no retries, as the router's Kimi and Ollama providers do. This is the call a Worker makes to
  Kimi without the router, and the baseline the goals are held to: the router's own work is the budget,
  the route and the ledger, while the SDK's request building and parsing come with the call itself
  (about a third of the JS heap a routed call allocates, by \`node bench/router-profile.ts --heap\`). A
  gateway cannot answer without its own hop, and under Miniflare every outbound \`fetch\` of a Worker
  also passes Miniflare's outbound Worker inside workerd, which production does not have. All pay both.
- **Through the router**: the Empire Worker's \`POST /v1/chat/completions\` with an owner key, model
  \`moonshot/kimi-k2.5\`: the app's middleware, API-key auth,${context.rateLimited ? ' the per-client rate limit (a Redis call; its limit raised to 1,000,000 a minute for the run),' : ''}
  route plan, budget lease, the OpenAI SDK's call to the fake, settling, and the spend-ledger entry
  queued after the response.

Closed loop; ${context.seconds} s measured after a ${context.warmupSeconds} s warm-up. Before the first round, the bare
Worker (through the SDK) and the Empire Worker each served ${context.primeSeconds} s of calls that are not counted, so that
the rounds measure Workers in steady service: V8 sizes an isolate's young generation by what outlives
its collections, and the Empire isolate needs tens of thousands of calls to grow it to its working
size; until then it collects several times as often (\`docs/latency-notes.md\`). The router's cost is the difference
between the Worker's direct calls and the routed one at one connection, measured in ${rounds.length} rounds that
take the three in turn, so that a slow spell of the machine lands on every side of a round; the goals
are held to the median round. The 32-connection row is end-to-end calls per second with budgets enforced. Failed counts
non-2xx responses and connection errors.

${latencyTable(rows)}

${addedTable(rounds)}${overDirectText(direct, rounds)}${saturationText(load)}

**Accounting.** The 32-connection run carried its own swarm-run scope (\`x-empire-run: ${accounting.run}\`),
so the BudgetLedger 'global' object and the Postgres spend ledger (written by the queue consumer)
can be read for exactly its calls. Its load client ended the warm-up and the measurement with no request
in flight, so every call charged had its response read, and added up the \`empire.cost_micros\` of every
200 response (${micros(accounting.okResponses)} of them, warm-up included). Each check is exact (integer micros):

${accountingTable(accounting)}

CPU in use while measuring, in cores (of ${context.cores}). The benchmark process hosts the fake upstream, the
Upstash bridge, the Neon proxy and Miniflare's reader of workerd's log. "Other" is the rest: here
mostly Postgres (${context.postgres}) and Redis (${context.redis}) for the routed rows.

${cpuTable(rows.map((row) => ({ ...row, label: rowLabel(row) })))}`;
}
