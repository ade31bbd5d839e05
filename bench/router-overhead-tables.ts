// The per-call tables of the router-overhead section: added latency per round and the goals of
// the per-call cost, with the rows and rounds they are read from.
import type { CpuRow } from './lib/cpu-table.ts';
import { markdownTable, ms, rate } from './lib/format.ts';

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
  /** The peer gateway's call, when one was configured. */
  peer?: Row;
}

/** The 32-connection runs: both bare Workers, the peer gateway if any, and the router with budgets on. */
export interface LoadRows {
  worker: Row;
  workerSdk: Row;
  peer?: Row;
  routed: Row;
}

/** Goal 1 of the performance work: the router's CPU per call against the bare plain-fetch Worker's. */
export const GOAL_CPU_RATIO = 1.5;

type Baseline = 'worker' | 'workerSdk';

const right = (columns: number) => [false, ...Array<boolean>(columns - 1).fill(true)];

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

const added = (round: Round, baseline: Baseline, key: 'p50Ms' | 'p99Ms', path: 'routed' | 'peer' = 'routed') =>
  (round[path]?.measurement[key] ?? Number.NaN) - round[baseline].measurement[key];

const medianAdded = (rounds: Round[], baseline: Baseline, key: 'p50Ms' | 'p99Ms') =>
  median(rounds.map((round) => added(round, baseline, key)));

/**
 * The router's added latency per round, and the median round's. The goals are held to the call a
 * Worker makes to Kimi without the router, through the same SDK; over plain `fetch` is beside it.
 */
export function addedTable(rounds: Round[]): string {
  const verdictOf = (value: number, goal: number) => verdict(value <= goal);
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
    ['Goal', verdictOf(p50, GOAL_ADDED_P50_MS), verdictOf(p99, GOAL_ADDED_P99_MS), '', ''],
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

/** workerd's CPU time per call while the row ran, in ms: its busy cores over its calls per second. */
export const cpuPerCall = ({ measurement }: Row) =>
  ((measurement.cores.workerd ?? Number.NaN) * 1000) / measurement.requestsPerSecond;

const ratio = (value: number) => `${value.toFixed(2)}×`;
const verdict = (held: boolean) => (held ? 'met' : '**missed**');

/** The per-call goals: CPU and throughput at 32 connections, and added latency beside the peer's. */
export function goalTable(load: LoadRows, rounds: Round[], peer: string | undefined): string {
  const cpuRatio = cpuPerCall(load.routed) / cpuPerCall(load.worker);
  const throughput = load.routed.measurement.requestsPerSecond / load.workerSdk.measurement.requestsPerSecond;
  const rows = [
    [
      `Router's workerd CPU per call ÷ the bare plain-\`fetch\` Worker's, ${load.routed.connections} connections`,
      `${ms(cpuPerCall(load.routed))} ÷ ${ms(cpuPerCall(load.worker))} ms = ${ratio(cpuRatio)}`,
      `≤ ${GOAL_CPU_RATIO}×`,
      verdict(cpuRatio <= GOAL_CPU_RATIO),
    ],
    [
      `Router's calls/s ÷ the bare SDK Worker's, ${load.routed.connections} connections`,
      `${rate(load.routed.measurement.requestsPerSecond)} ÷ ${rate(load.workerSdk.measurement.requestsPerSecond)} = ${ratio(throughput)}`,
      '≥ 1×',
      verdict(throughput >= 1),
    ],
  ];
  if (load.peer && peer) {
    const peerRatio = cpuPerCall(load.peer) / cpuPerCall(load.worker);
    rows.push([
      `${peer}'s workerd CPU per call ÷ the bare plain-\`fetch\` Worker's (for reference)`,
      `${ms(cpuPerCall(load.peer))} ÷ ${ms(cpuPerCall(load.worker))} ms = ${ratio(peerRatio)}`,
      '',
      '',
    ]);
    for (const key of ['p50Ms', 'p99Ms'] as const) {
      const router = medianAdded(rounds, 'worker', key);
      const other = median(rounds.map((round) => added(round, 'worker', key, 'peer')));
      rows.push([
        `Added ${key.slice(0, 3)} at 1 connection over the plain-\`fetch\` Worker: router against ${peer} (median rounds)`,
        `${ms(router)} against ${ms(other)} ms`,
        `≤ ${peer}'s`,
        verdict(router <= other),
      ]);
    }
  }
  return markdownTable(['Goal', 'Figures', 'Goal', ''], rows, [false, true, true, false]);
}
