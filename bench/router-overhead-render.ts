// The router-overhead section of docs/benchmarks.md.
import { cpuTable } from './lib/cpu-table.ts';
import { markdownTable, micros, ms, rate } from './lib/format.ts';
import type { RunSpend } from './lib/spend-ledger.ts';
import { addedTable, goalTable, type LoadRows, median, type Round, type Row } from './router-overhead-tables.ts';

export type { LoadRows, Round, Row };

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
  /** The peer gateway's label, when one was measured. */
  peer?: string;
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

function peerText(peer: string | undefined): string {
  if (!peer) {
    return `- **A peer gateway** (optional, not measured in this run): \`bench/lib/peer-gateway.ts\` serves another
  gateway's Worker in the same workerd and sends it the same call, e.g. Portkey's open-source gateway with
  \`BENCH_PEER_CONFIG=<its wrangler.toml>\` and \`BENCH_PEER_HEADERS='{"x-portkey-provider":"openai",
  "x-portkey-custom-host":"{upstream}/moonshot/v1","authorization":"Bearer {key}"}'\`.`;
  }
  return `- **${peer}**, a peer gateway (\`bench/lib/peer-gateway.ts\`): its Worker served by the same workerd, sent the
  same call for the same fake upstream; no budgets and no ledger of its own.`;
}

export function renderRouterOverhead(
  rows: Row[],
  rounds: Round[],
  load: LoadRows,
  accounting: Accounting,
  context: Context,
): string {
  const direct = rows[0];
  return `The same chat completion (one user message, \`max_tokens\` ${context.maxTokens}), sent ${context.peer ? 'five' : 'four'} ways to the same
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
  route plan, budget lease, the provider's call to the fake (plain \`fetch\`), settling, and the
  spend-ledger entry queued after the response.
${peerText(context.peer)}

Closed loop; ${context.seconds} s measured after a ${context.warmupSeconds} s warm-up. Before the first round, the bare
Worker (through the SDK) and the Empire Worker each served ${context.primeSeconds} s of calls that are not counted, so that
the rounds measure Workers in steady service: V8 sizes an isolate's young generation by what outlives
its collections, and the Empire isolate needs tens of thousands of calls to grow it to its working
size; until then it collects several times as often (\`docs/latency-notes.md\`). The router's cost is the difference
between the Worker's direct calls and the routed one at one connection, measured in ${rounds.length} rounds that
take them in turn, so that a slow spell of the machine lands on every side of a round; the goals
are held to the median round. The 32-connection rows are end-to-end calls per second, the router's with budgets enforced. Failed counts
non-2xx responses and connection errors.

${latencyTable(rows)}

Goals of the per-call cost, from the rows above (workerd's CPU per call is its busy cores over the calls per second;
the router's includes its budget object and the queue consumer writing the ledger, which run in the same workerd):

${goalTable(load, rounds, context.peer)}

${addedTable(rounds)}${overDirectText(direct, rounds)}${saturationText(load.routed)}

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
