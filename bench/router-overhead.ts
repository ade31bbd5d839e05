// What the LLM router adds to a call: the same chat completion sent straight to the fake upstream,
// made straight from a bare Worker in the same workerd, and sent through the Empire Worker's
// POST /v1/chat/completions (auth, route plan, budget lease, ledger enqueue, SDK call), one
// connection each, the last two in alternating rounds; then the routed call at 32 connections,
// followed by an exact check of what the budget ledger and the Postgres spend ledger recorded for it.

import { budgetLedger, GLOBAL, type LedgerScope, settledUsage } from './lib/budget-ledger.ts';
import { requireHealthy } from './lib/health.ts';
import {
  defaultDurationSeconds,
  defaultPrimeSeconds,
  defaultWarmupSeconds,
  type MeasureOptions,
  measure,
} from './lib/load.ts';
import { type PeerGateway, peerGatewayFromEnv, peerHeaders } from './lib/peer-gateway.ts';
import { describeMachine, writeSection } from './lib/report.ts';
import { waitForRunSpend } from './lib/spend-ledger.ts';
import { type BenchStack, startStack } from './lib/stack.ts';
import {
  type Accounting,
  type LoadRows,
  type Round,
  type Row,
  renderRouterOverhead,
} from './router-overhead-render.ts';

export const name = 'router-overhead';

const MAX_TOKENS = 64;
const messages = [{ role: 'user', content: 'In one line: why should every LLM call pass a budget check first?' }];
const DIRECT_MODEL = 'kimi-k2.5';
const ROUTED_MODEL = 'moonshot/kimi-k2.5';
const LOAD_CONNECTIONS = 32;
const COST_FIELD = 'empire.cost_micros';
/** Rounds of (Worker direct, router): machine noise moves both of a round alike, not one alone. */
const ROUNDS = 5;

export interface Target {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export interface Targets {
  direct: Target;
  worker: Target;
  workerSdk: Target;
  routed: Target;
  /** The peer gateway's call, when one is configured (bench/lib/peer-gateway.ts). */
  peer?: Target;
}

export function targets(stack: BenchStack, peer?: PeerGateway): Targets {
  const fake = stack.backing.services.fakeLlmUrl;
  if (!fake) throw new Error('the benchmark stack runs no fake LLM upstream');
  const json = { 'content-type': 'application/json' };
  return {
    direct: {
      url: `${fake}/moonshot/v1/chat/completions`,
      body: JSON.stringify({ model: DIRECT_MODEL, messages, max_tokens: MAX_TOKENS }),
      headers: { ...json, authorization: `Bearer ${stack.backing.vars.MOONSHOT_API_KEY}` },
    },
    // bench/fixtures/bare-hono.ts passes the body on to the fake Moonshot with the caller's key.
    worker: {
      url: `${stack.bareUrl}/v1/chat/completions`,
      body: JSON.stringify({ model: DIRECT_MODEL, messages, max_tokens: MAX_TOKENS }),
      headers: { ...json, authorization: `Bearer ${stack.backing.vars.MOONSHOT_API_KEY}` },
    },
    // The same call through the `openai` SDK, as a Worker calling Kimi without the router makes it.
    workerSdk: {
      url: `${stack.bareUrl}/sdk/v1/chat/completions`,
      body: JSON.stringify({ model: DIRECT_MODEL, messages, max_tokens: MAX_TOKENS }),
      headers: { ...json, authorization: `Bearer ${stack.backing.vars.MOONSHOT_API_KEY}` },
    },
    routed: {
      url: `${stack.url}/v1/chat/completions`,
      body: JSON.stringify({ model: ROUTED_MODEL, messages, max_tokens: MAX_TOKENS }),
      headers: { ...json, authorization: `Bearer ${stack.backing.ownerKey}` },
    },
    ...(peer && {
      peer: {
        url: `${stack.fixtureUrls[peer.workerName]}${peer.path}`,
        body: JSON.stringify({ model: DIRECT_MODEL, messages, max_tokens: MAX_TOKENS }),
        headers: { ...json, ...peerHeaders(peer, fake, stack.backing.vars.MOONSHOT_API_KEY ?? '') },
      },
    }),
  };
}

/**
 * One call each way before measuring: both must answer, the routed one from the fake Moonshot.
 * Returns whether the routed call went through the API's rate limit (it says so in a header).
 */
export async function preflight(
  direct: Target,
  worker: Target,
  routed: Target,
  workerSdk?: Target,
  peer?: Target,
): Promise<boolean> {
  let rateLimited = false;
  const calls: Array<readonly [string, Target]> = [
    ['direct', direct],
    ['worker', worker],
    ['routed', routed],
  ];
  if (workerSdk) calls.push(['worker through the SDK', workerSdk]);
  if (peer) calls.push(['peer gateway', peer]);
  for (const [label, target] of calls) {
    const response = await fetch(target.url, { method: 'POST', body: target.body, headers: target.headers });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${label} call answered ${response.status}: ${text.slice(0, 500)}`);
    if (label === 'routed' && !/"provider":"moonshot"/.test(text)) {
      throw new Error(`the routed call was not served by moonshot: ${text.slice(0, 500)}`);
    }
    if (label === 'routed') rateLimited = response.headers.has('ratelimit-limit');
  }
  return rateLimited;
}

/**
 * Serves each Worker defaultPrimeSeconds of uncounted calls at one connection, so later rounds
 * measure it in steady service (see defaultPrimeSeconds). The bare Worker's paths share one
 * isolate, so priming one of them primes both.
 */
export async function primeWorkers(stack: BenchStack, paths: Array<{ label: string; target: Target }>): Promise<void> {
  for (const { label, target } of paths) {
    console.log(`[prime] ${label} for ${defaultPrimeSeconds} s`);
    await measure({
      ...target,
      method: 'POST',
      connections: 1,
      durationSeconds: defaultPrimeSeconds,
      warmupSeconds: 0,
      processes: stack.processes,
    });
  }
}

async function measureTarget(stack: BenchStack, label: string, target: Target, extra: Partial<MeasureOptions>) {
  const connections = extra.connections ?? 1;
  console.log(`[${name}] ${label} at ${connections} connection(s)`);
  const measurement = await measure({
    ...target,
    method: 'POST',
    connections,
    durationSeconds: defaultDurationSeconds,
    processes: stack.processes,
    ...extra,
  });
  return { label, connections, measurement };
}

async function checkAccounting(stack: BenchStack, run: string, load: Row): Promise<Accounting> {
  const { warmup, tally } = load.measurement;
  const okResponses = (warmup.statuses['200'] ?? 0) + (tally.statuses['200'] ?? 0);
  const responseCostMicros = warmup.sum + tally.sum;
  const ledger = await budgetLedger(stack, 'global');
  const { usage: global, waitedMs } = await settledUsage(ledger, GLOBAL);
  const runScope: LedgerScope = { kind: 'run', id: run };
  const runUsage = await ledger.usage(runScope);
  const postgres = await waitForRunSpend(stack.backing.services, run, okResponses);
  return {
    run,
    okResponses,
    responseCostMicros,
    ledgerSpentMicros: runUsage.spentMicros,
    ledgerCalls: runUsage.calls,
    globalReservedMicros: global.reservedMicros,
    runReservedMicros: runUsage.reservedMicros,
    settledMs: waitedMs,
    postgres: postgres.spend,
    postgresWaitedMs: postgres.waitedMs,
  };
}

export async function run(): Promise<void> {
  const machine = await describeMachine();
  const peerGateway = peerGatewayFromEnv();
  // The API's per-client rate limit would refuse most of a load test: lifted to its maximum.
  const stack = await startStack({
    bindings: { RATE_LIMIT_REQUESTS: '1000000', RATE_LIMIT_WINDOW_SECONDS: '60' },
    fixtures: peerGateway ? [peerGateway.configPath] : [],
  });
  try {
    await requireHealthy(stack.url);
    const { direct, worker, workerSdk, routed, peer } = targets(stack, peerGateway);
    const peerLabel = peerGateway ? `Peer gateway (${peerGateway.label})` : '';
    const rateLimited = await preflight(direct, worker, routed, workerSdk, peer);
    const runId = `bench-${Date.now().toString(36)}`;
    // Only the benchmark process (the fake) serves direct calls: re-measured if anything else was busy.
    const rows: Row[] = [await measureTarget(stack, 'Direct to the fake upstream', direct, { attempts: 3 })];
    await primeWorkers(stack, [
      { label: 'Direct from a Worker, SDK', target: workerSdk },
      { label: 'Through the router', target: routed },
      ...(peer ? [{ label: peerLabel, target: peer }] : []),
    ]);
    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const fromWorker = await measureTarget(stack, `Direct from a Worker, round ${round}`, worker, {});
      const fromWorkerSdk = await measureTarget(stack, `Direct from a Worker, SDK, round ${round}`, workerSdk, {});
      const throughRouter = await measureTarget(stack, `Through the router, round ${round}`, routed, {});
      const throughPeer = peer ? await measureTarget(stack, `${peerLabel}, round ${round}`, peer, {}) : undefined;
      rows.push(fromWorker, fromWorkerSdk, throughRouter, ...(throughPeer ? [throughPeer] : []));
      rounds.push({ worker: fromWorker, workerSdk: fromWorkerSdk, routed: throughRouter, peer: throughPeer });
    }
    const loaded = { connections: LOAD_CONNECTIONS };
    const atLoad: LoadRows = {
      worker: await measureTarget(stack, 'Direct from a Worker', worker, loaded),
      workerSdk: await measureTarget(stack, 'Direct from a Worker, SDK', workerSdk, loaded),
      ...(peer ? { peer: await measureTarget(stack, peerLabel, peer, loaded) } : {}),
      routed: await measureTarget(stack, 'Through the router', routed, {
        ...loaded,
        headers: { ...routed.headers, 'x-empire-run': runId },
        // Every call the ledger charges has its response, and its cost, counted.
        drain: true,
        sumField: COST_FIELD,
      }),
    };
    rows.push(atLoad.worker, atLoad.workerSdk, ...(atLoad.peer ? [atLoad.peer] : []), atLoad.routed);
    const accounting = await checkAccounting(stack, runId, atLoad.routed);
    await requireHealthy(stack.url);
    const body = renderRouterOverhead(rows, rounds, atLoad, accounting, {
      seconds: defaultDurationSeconds,
      warmupSeconds: defaultWarmupSeconds,
      primeSeconds: defaultPrimeSeconds,
      cores: machine.cores,
      maxTokens: MAX_TOKENS,
      rateLimited,
      postgres: stack.backing.postgres,
      redis: stack.backing.redis,
      peer: peerGateway?.label,
    });
    await writeSection({ name, title: 'Router overhead', machine, body });
  } finally {
    await stack.dispose();
  }
}
