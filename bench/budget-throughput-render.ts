// The budget-throughput section of docs/benchmarks.md.
import { ACTUAL_MICROS, type Design, RESERVE_MICROS } from './fixtures/budget-gate-contract.ts';
import { cpuTable } from './lib/cpu-table.ts';
import { markdownTable, micros, ms, rate, ratio } from './lib/format.ts';
import type { Accounting } from './lib/gate-accounting.ts';
import type { Measurement } from './lib/load.ts';

export const GOAL_CALLS_PER_SECOND = 5_000;

export interface GateRun {
  measurement: Measurement;
  accounting: Accounting;
}

export interface DesignRun extends GateRun {
  design: Design;
  /** Measurements made (each on its own ledger); the least disturbed one is reported. */
  attempts: number;
  /** Whether the accounting held after every attempt, not only the reported one. */
  everyAttemptHeld: boolean;
}

export interface Context {
  seconds: number;
  warmupSeconds: number;
  connections: number;
  cores: number;
  openCapMicros: number;
  cappedCalls: number;
  cappedSeconds: number;
}

const labels: Record<Design, string> = {
  lease: 'Leases, rows sent after the answer (before)',
  stored: 'Leases, rows stored before the answer (`LedgerOutbox`)',
  naive: 'Naive: `draw` + `record` + `close` per call',
};

const label = (run: DesignRun) =>
  run.attempts > 1 ? `${labels[run.design]} (best of ${run.attempts})` : labels[run.design];

const held = (accounting: Accounting) => {
  const failed = accounting.checks.filter((check) => !check.held).map((check) => check.label);
  return failed.length === 0 ? 'all held' : `**failed: ${failed.join(', ')}**`;
};

function throughputTable(runs: DesignRun[], naive: DesignRun | undefined, before: DesignRun | undefined): string {
  const header = [
    'Design',
    'calls/s',
    'p50 ms',
    'p99 ms',
    '× naive',
    '× before',
    'Accepted',
    'Spent (micros)',
    'Checks',
  ];
  const cells = runs.map((run) => {
    const { measurement: m, accounting: a } = run;
    return [
      label(run),
      rate(m.requestsPerSecond),
      ms(m.p50Ms),
      ms(m.p99Ms),
      naive ? ratio(m.requestsPerSecond / naive.measurement.requestsPerSecond) : 'n/a',
      before ? ratio(m.requestsPerSecond / before.measurement.requestsPerSecond) : 'n/a',
      a.accepted.toLocaleString('en-US'),
      micros(a.spentMicros),
      run.everyAttemptHeld ? held(a) : `${held(a)}; **an earlier attempt failed**`,
    ];
  });
  return markdownTable(header, cells, [false, true, true, true, true, true, true, true, false]);
}

function cappedTable(runs: DesignRun[]): string {
  const header = ['Design', 'Cap (micros)', 'Accepted', 'Refused', 'Spent (micros)', 'Left unspent', 'Checks'];
  const cells = runs.map(({ design, accounting: a }) => [
    labels[design],
    micros(a.capMicros),
    a.accepted.toLocaleString('en-US'),
    a.refused.toLocaleString('en-US'),
    micros(a.spentMicros),
    micros(a.capMicros - a.spentMicros),
    held(a),
  ]);
  return markdownTable(header, cells, [false, true, true, true, true, true, false]);
}

/** Calls a cap admits when each reserves RESERVE_MICROS and settles at ACTUAL_MICROS. */
const mostAdmitted = (context: Context) =>
  Math.floor((context.cappedCalls * ACTUAL_MICROS - RESERVE_MICROS) / ACTUAL_MICROS) + 1;

function storedText(stored: DesignRun | undefined, before: DesignRun | undefined): string {
  if (!stored || !before) return '';
  const s = stored.measurement;
  const b = before.measurement;
  return `\n\nStoring each row before the answer, against sending it after: ${ratio(s.requestsPerSecond / b.requestsPerSecond)} the calls
per second, p50 ${ratio(s.p50Ms / b.p50Ms)} and p99 ${ratio(s.p99Ms / b.p99Ms)} (${ms(b.p50Ms)} → ${ms(s.p50Ms)} ms and ${ms(b.p99Ms)} → ${ms(s.p99Ms)} ms).`;
}

function goalText(lease: DesignRun | undefined, context: Context): string {
  if (!lease) return '';
  const { measurement: m, accounting: a } = lease;
  const zero = lease.everyAttemptHeld ? 'with zero overspend' : '**but an accounting check failed**';
  if (m.requestsPerSecond >= GOAL_CALLS_PER_SECOND) {
    return `**Goal met**: ≥ ${rate(GOAL_CALLS_PER_SECOND)} calls/s ${zero}. The product's design served ${rate(m.requestsPerSecond)} calls/s.`;
  }
  const c = m.cores;
  const used = [
    `workerd (the gate Worker and the ledger object) ${c.workerd?.toFixed(2) ?? 'n/a'}`,
    `the load client ${c.client?.toFixed(2) ?? 'n/a'}`,
    `the benchmark process ${c.runner?.toFixed(2) ?? 'n/a'}`,
    `interrupts ${c.interrupts?.toFixed(2) ?? 'n/a'}`,
  ].join(', ');
  return `**Goal missed on this machine**: the product's design served ${rate(m.requestsPerSecond)} calls/s
against a goal of ${rate(GOAL_CALLS_PER_SECOND)} (accounting: ${held(a)}). The ${context.cores} cores were
shared as ${used} (in cores, of ${context.cores}).`;
}

const cpuPerCall = (run: DesignRun) =>
  ((run.measurement.cores.workerd ?? Number.NaN) * 1000) / run.measurement.requestsPerSecond;

function bottleneckText(lease: DesignRun | undefined, naive: DesignRun | undefined): string {
  const workerd = lease?.measurement.cores.workerd;
  if (!lease || !naive || workerd === undefined || workerd < 0.9) return '';
  return `\n\nworkerd used ${workerd.toFixed(2)} cores during the product's run, nearly all of the one thread on which it
runs both the gate Worker and the ledger object: the product's design is bound by CPU time per call there
(${ms(cpuPerCall(lease))} ms). The naive design spent ${ms(cpuPerCall(naive))} ms per call with that thread partly idle
(${naive.measurement.cores.workerd?.toFixed(2) ?? 'n/a'} cores): it waits on the ledger's commits, three per call.`;
}

export function renderBudgetThroughput(open: DesignRun[], capped: DesignRun[], context: Context): string {
  const naive = open.find((run) => run.design === 'naive');
  const before = open.find((run) => run.design === 'lease');
  const lease = open.find((run) => run.design === 'stored');
  const cpuRows = [...open, ...capped].map((run, i) => ({
    label: i < open.length ? label(run) : `${labels[run.design]}, capped`,
    connections: context.connections,
    measurement: run.measurement,
  }));
  return `Each call reserves ${micros(RESERVE_MICROS)} micros for the scopes \`global\` and \`client:bench\` and
settles at ${micros(ACTUAL_MICROS)}: the budget bookkeeping of an LLM call with the call itself left out. A
bench-only Worker (\`bench/fixtures/budget-gate.ts\`) serves both designs in the same workerd as the
Empire Worker, whose \`BudgetLedger\` Durable Object class it binds across scripts:

- **Leases, rows stored before the answer** (the product): its \`LeaseGate\`
  (\`src/budget/lease-gate.ts\`) with a module-level \`LeasePool\`; budget is drawn from the ledger in
  leases and handed to calls from isolate memory, and each call's ledger row goes through the
  product's outbox (\`src/llm/ledger-outbox.ts\`): the call answers once the ledger has acknowledged
  the batch holding its row; a batch goes at once when none is in flight, else with the next.
- **Leases, rows sent after the answer** (before): the same leases, each call's row sent in the
  background in one RPC per 50 ms window, as the outbox did before; a row then reached the ledger
  up to about 50 ms after its call had answered.
- **Naive**: writing RPCs on every call: \`draw\` to reserve exactly the amount, \`record\` to store
  the call's row and charge its actual cost, and \`close\` to release the rest of the reservation.

Closed loop, ${context.connections} connections, ${context.seconds} s measured after a ${context.warmupSeconds} s warm-up; each run on a new
ledger object with every cap at ${micros(context.openCapMicros)} micros. Each phase ends with no request in flight
(a fixed number of requests, sized from the rate seen so far), so every call the ledger charged had
its response counted. Accepted counts every 200 of the run, warm-up included.

${throughputTable(open, naive, before)}

${goalText(lease, context)}${lease && naive ? ` Leases against naive: ${ratio(lease.measurement.requestsPerSecond / naive.measurement.requestsPerSecond)} the calls per second.` : ''}${storedText(lease, before)}${bottleneckText(lease, naive)}

After each run, once every lease had closed (the slowest took ${Math.max(...[...open, ...capped].map((run) => run.accounting.settledMs))} ms), the
ledger's \`snapshot()\` was checked: spent ≤ cap; spent = ${ACTUAL_MICROS} × accepted calls exactly;
nothing left reserved on either scope; the client scope charged the same as the global one; the
ledger's settled-call count equal to the accepted calls; and the Worker's own count of accepted calls
equal to the 200 responses the client received.

**Into a cap.** A new ledger whose global day cap fits ${micros(context.cappedCalls)} calls at their settled cost
(${micros(context.cappedCalls * ACTUAL_MICROS)} micros), ${context.connections} connections for about ${context.cappedSeconds} s from a cold start. A call is
admitted only while a whole reservation (${micros(RESERVE_MICROS)}) still fits, so at most
${mostAdmitted(context).toLocaleString('en-US')} calls can be accepted under this cap; every refusal is a 402.

${cappedTable(capped)}

CPU in use while measuring, in cores (of ${context.cores}). workerd runs the gate Worker and the ledger
object; the benchmark process hosts Miniflare and the backing services, idle here. "Other" is
everything else on the machine.

${cpuTable(cpuRows)}`;
}
