// The refusals section of docs/benchmarks.md.
import type { BurstResponse, BurstResult } from './lib/burst-types.ts';
import { markdownTable, micros, ms, ratio } from './lib/format.ts';

/** deferred_calls as D1 held it at one moment. */
export interface DeferralTally {
  at: number;
  /** Rows per status: waiting, running, done, failed. */
  byStatus: Record<string, number>;
  /** Wakes claimed so far, over every row (each claim adds one to its row's `attempts`). */
  attempts: number;
  /** What the deferred calls that have run cost, from their stored results. */
  doneCostMicros: number;
}

/** GET /api/budget/reconcile, the rows of the burst's run scope. */
export interface Reconcile {
  /** Rows of the run scope found (day and month: 2). */
  scopeRows: number;
  /** What the ledger object charged the run scope today. */
  daySpentMicros: number;
  pendingRows: number;
  /** Σ |drift| over the run scope's rows. */
  driftMicros: number;
  waitedMs: number;
}

export interface RefusalRun {
  /** The burst's run scope (`x-empire-run`). */
  run: string;
  burstCalls: number;
  fittingCalls: number;
  callCostMicros: number;
  capMicros: number;
  spentBeforeMicros: number;
  result: BurstResult;
  deferralsBefore: DeferralTally;
  /** The first right after the burst, then every few seconds of the observation window. */
  samples: DeferralTally[];
  observeSeconds: number;
  /** Global day usage once nothing was reserved any more. */
  usage: { spentMicros: number; reservedMicros: number };
  settledMs: number;
  books: Reconcile;
}

export interface Context {
  /** What served Postgres, for the report. */
  postgres: string;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
}

interface StatusFigures {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

function figures(responses: BurstResponse[]): StatusFigures {
  const sorted = responses.map((response) => response.ms).sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

const statusLabel = (status: number) => (status === 0 ? 'no response' : String(status));

function latencyTable(byStatus: Map<number, StatusFigures>): string {
  const rows = [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, f]) => [statusLabel(status), f.count.toLocaleString('en-US'), ms(f.p50), ms(f.p99), ms(f.max)]);
  return markdownTable(['Status', 'Responses', 'p50 ms', 'p99 ms', 'max ms'], rows, [false, true, true, true, true]);
}

function wakeTable(run: RefusalRun): string {
  const first = run.samples[0];
  const start = first?.at ?? 0;
  const rows = run.samples.map((sample) => [
    `${Math.round((sample.at - start) / 1000)}`,
    `${sample.byStatus.waiting ?? 0}`,
    `${sample.byStatus.running ?? 0}`,
    `${sample.byStatus.done ?? 0}`,
    `${sample.byStatus.failed ?? 0}`,
    `${sample.attempts - run.deferralsBefore.attempts}`,
  ]);
  return markdownTable(
    ['s after the burst', 'Waiting', 'Running', 'Done', 'Failed', 'Wakes claimed (Σ attempts)'],
    rows,
    [true, true, true, true, true, true],
  );
}

interface Check {
  label: string;
  held: boolean;
}

function checks(run: RefusalRun, okCostMicros: number, refused: number, deferred: number): Check[] {
  const last = run.samples[run.samples.length - 1];
  const spentInRun = run.usage.spentMicros - run.spentBeforeMicros;
  const doneCost = (last?.doneCostMicros ?? 0) - run.deferralsBefore.doneCostMicros;
  return [
    { label: 'spent ≤ cap', held: run.usage.spentMicros <= run.capMicros },
    { label: 'reserved = 0 once settled', held: run.usage.reservedMicros === 0 },
    {
      label: 'spent in the run = Σ cost of the 200s + Σ cost of deferred calls run since',
      held: spentInRun === okCostMicros + doneCost,
    },
    { label: 'one deferral per 402', held: deferred === refused },
    {
      label: 'run scope charged = Σ cost of the 200s + deferred calls run',
      held: run.books.daySpentMicros === okCostMicros + doneCost,
    },
    {
      label: 'reconcile of the run scope: no drift, nothing pending',
      held: run.books.scopeRows === 2 && run.books.driftMicros === 0 && run.books.pendingRows === 0,
    },
  ];
}

/** A refusal waits for no upstream and no other call, so it should come back no later than a served call. */
function goalLine(ok: StatusFigures | undefined, refused: StatusFigures | undefined): string {
  if (!ok || !refused) return '**Goal not measured**: the burst did not bring both 200s and 402s.';
  return refused.p99 <= ok.p99
    ? '**Goal met**: the 402s came back no later than the 200s (p99).'
    : `**Goal missed**: the 402s waited longer than the calls that went to the upstream (p99 ${ms(refused.p99)} ms
against ${ms(ok.p99)} ms; p50 ${ms(refused.p50)} ms against ${ms(ok.p50)} ms).`;
}

export function renderRefusals(run: RefusalRun, context: Context): string {
  const byStatus = new Map<number, BurstResponse[]>();
  for (const response of run.result.responses)
    byStatus.set(response.status, [...(byStatus.get(response.status) ?? []), response]);
  const stats = new Map([...byStatus.entries()].map(([status, responses]) => [status, figures(responses)]));
  const ok = stats.get(200);
  const refused = stats.get(402);
  const okCostMicros = (byStatus.get(200) ?? []).reduce(
    (sum, r) => sum + (Number.isFinite(r.costMicros) ? r.costMicros : 0),
    0,
  );
  const first = run.samples[0];
  const last = run.samples[run.samples.length - 1];
  const rowsOf = (tally: DeferralTally | undefined) =>
    Object.values(tally?.byStatus ?? {}).reduce((sum, n) => sum + n, 0);
  const deferred = rowsOf(first) - rowsOf(run.deferralsBefore);
  const wakesInWindow = (last?.attempts ?? 0) - (first?.attempts ?? 0);
  const all = checks(run, okCostMicros, refused?.count ?? 0, deferred);
  const failed = all.filter((check) => !check.held).map((check) => check.label);
  const p99Ratio = ok && refused ? ratio(refused.p99 / ok.p99) : 'n/a';
  return `${run.burstCalls.toLocaleString('en-US')} \`POST /v1/chat/completions\` (\`moonshot/kimi-k2.5\`, 64 max tokens, the
owner's key) sent at once, each on its own connection from a separate client process, through the
Empire Worker to the fake upstream. Before the burst, one call measured the settled cost of such a
call (${micros(run.callCostMicros)} micros) and the global day cap was set to what had been spent plus
${run.fittingCalls} such calls (${micros(run.capMicros)} micros). A call is admitted only while its worst-case
reservation fits, so fewer than ${run.fittingCalls} can be accepted; every other call is deferred and answered 402.
The burst took ${run.result.seconds.toFixed(1)} s from the first request sent to the last answer.

${latencyTable(stats)}

**402 p99 against 200 p99: ${p99Ratio}** (${ms(refused?.p99 ?? Number.NaN)} ms against ${ms(ok?.p99 ?? Number.NaN)} ms, in the same burst).
${goalLine(ok, refused)}

**Deferral wakes.** Each 402 left one row in D1 \`deferred_calls\` (${deferred.toLocaleString('en-US')} rows for
${(refused?.count ?? 0).toLocaleString('en-US')} refusals). Every wake that claims a row adds one to its \`attempts\`;
these are the wakes counted after the burst, sampled every few seconds for ${run.observeSeconds} s. Cron triggers
are not run by the benchmark stack, so the 5-minute sweep never ran: wakes here come from the
deferrals' queue messages only. ${wakesInWindow.toLocaleString('en-US')} wakes were claimed in the ${run.observeSeconds} s window
(the issue measured 578 deferred calls retried 6,148 times in 4 minutes before wakes waited for room).

${wakeTable(run)}

**Accounting**, once nothing was reserved (after ${micros(run.settledMs)} ms) and no ledger row waited for
Postgres (${context.postgres}; after ${micros(run.books.waitedMs)} ms): spent today ${micros(run.usage.spentMicros)} of
${micros(run.capMicros)} micros, ${micros(run.usage.spentMicros - run.spentBeforeMicros)} of it in the burst; the 200s
reported ${micros(okCostMicros)} micros. The burst carried its own run scope (\`x-empire-run\`), so its
rows of \`GET /api/budget/reconcile\` compare only this burst's spend with the Postgres ledger (which
may hold other runs' rows of the same day): Σ |drift| ${micros(run.books.driftMicros)} micros over
${run.books.scopeRows} rows (day, month).
Checks: ${all.map((check) => `${check.label} (${check.held ? 'held' : '**failed**'})`).join('; ')}.
${failed.length === 0 ? 'All held.' : `**Failed: ${failed.join(', ')}.**`}`;
}
