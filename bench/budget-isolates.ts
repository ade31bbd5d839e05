// The budget ledger past one isolate: 1, 2 and 4 copies of the bench-only budget-gate Worker (each
// a Worker of its own, so an isolate of its own) share one BudgetLedger object of the Empire
// Worker, and one caller spreads its calls over them in turn, into a cap. Each run checks that
// nothing was overspent on any scope or window and that the ledger's rows add up to its spend,
// and measures the refusals and the budget the other isolates' leases held when the cap was met.
import { renderBudgetIsolates } from './budget-isolates-render.ts';
import {
  ACTUAL_MICROS,
  callPath,
  type GateState,
  RESERVE_MICROS,
  type RefusalBody,
  statePath,
} from './fixtures/budget-gate-contract.ts';
import { type BudgetLedgerHandle, budgetLedger, GLOBAL, settledUsage, type Window } from './lib/budget-ledger.ts';
import { BENCH_CLIENT_SCOPE, setCaps } from './lib/gate-accounting.ts';
import type { IsolatesRun, ScopeBooks } from './lib/isolates-run.ts';
import { budgetGateConfigPath } from './lib/paths.ts';
import { describeMachine, writeSection } from './lib/report.ts';
import { spread } from './lib/spread.ts';
import { type BenchStack, startStack } from './lib/stack.ts';

export const name = 'budget-isolates';

const ISOLATE_COUNTS = [1, 2, 4] as const;
const gateName = (i: number) => `budget-gate-${i + 1}`;
const GATES = Array.from({ length: Math.max(...ISOLATE_COUNTS) }, (_, i) => gateName(i));
const ROUNDS = 3;
const CONNECTIONS = 32;
/** The global day cap fits this many calls at their settled cost; the run sends three times as many. */
const FITTING_CALLS = 1_000;
const TOTAL_CALLS = 3 * FITTING_CALLS;
const CAP_MICROS = FITTING_CALLS * ACTUAL_MICROS;
/** Every other cap of the two scopes: far above anything a run can spend. */
const OPEN_CAP_MICROS = 10_000_000_000;

function gateUrls(stack: BenchStack, isolates: number): string[] {
  return Array.from({ length: isolates }, (_, i) => {
    const url = stack.fixtureUrls[gateName(i)];
    if (!url) throw new Error(`the ${gateName(i)} fixture is not being served`);
    return url;
  });
}

async function gateState(url: string, ledger: string): Promise<GateState> {
  return (await (await fetch(`${url}${statePath(ledger)}`)).json()) as GateState;
}

async function books(ledger: BudgetLedgerHandle): Promise<ScopeBooks[]> {
  const all: ScopeBooks[] = [];
  for (const scope of [GLOBAL, BENCH_CLIENT_SCOPE]) {
    for (const window of ['day', 'month'] satisfies Window[]) {
      const usage = await ledger.usage(scope, window);
      all.push({ label: `${scope.kind}:${scope.id} ${window}`, ...usage });
    }
  }
  return all;
}

async function runOnce(stack: BenchStack, isolates: number, round: number): Promise<IsolatesRun> {
  const ledgerName = `isolates-${isolates}-${round}`;
  const ledger = await budgetLedger(stack, ledgerName);
  await setCaps(ledger, OPEN_CAP_MICROS);
  await ledger.setCap(GLOBAL, 'day', CAP_MICROS);
  const urls = gateUrls(stack, isolates);
  console.log(`[${name}] ${isolates} isolate(s), round ${round}: ${TOTAL_CALLS} calls into a cap of ${FITTING_CALLS}`);
  const result = await spread({
    urls: urls.map((url) => `${url}${callPath('stored', ledgerName)}`),
    method: 'POST',
    connections: CONNECTIONS,
    total: TOTAL_CALLS,
  });
  const { waitedMs } = await settledUsage(ledger, GLOBAL);
  const gates = await Promise.all(urls.map((url) => gateState(url, ledgerName)));
  return {
    isolates,
    round,
    responses: result.responses.map(({ target, status, sentMs, answeredMs, body }) => ({
      target,
      status,
      sentMs,
      answeredMs,
      refusal: status === 402 ? (body as RefusalBody) : undefined,
    })),
    seconds: result.seconds,
    gates,
    books: await books(ledger),
    settledMs: waitedMs,
  };
}

export async function run(): Promise<void> {
  const machine = await describeMachine();
  const stack = await startStack({ fixtures: [{ path: budgetGateConfigPath, names: GATES }] });
  try {
    const runs: IsolatesRun[] = [];
    // Rounds interleave the isolate counts, so a slow spell of the shared machine touches each.
    for (let round = 1; round <= ROUNDS; round++) {
      for (const isolates of ISOLATE_COUNTS) runs.push(await runOnce(stack, isolates, round));
    }
    const body = renderBudgetIsolates(runs, {
      connections: CONNECTIONS,
      totalCalls: TOTAL_CALLS,
      fittingCalls: FITTING_CALLS,
      capMicros: CAP_MICROS,
      openCapMicros: OPEN_CAP_MICROS,
      reserveMicros: RESERVE_MICROS,
      actualMicros: ACTUAL_MICROS,
    });
    await writeSection({ name, title: 'Budget past one isolate: several Workers, one ledger, one cap', machine, body });
  } finally {
    await stack.dispose();
  }
}
