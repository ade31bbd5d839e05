// The budget-isolates section of docs/benchmarks.md.
import { markdownTable, median, micros, ratio } from './lib/format.ts';
import { type Amounts, figuresOf, type IsolatesRun, type RunFigures } from './lib/isolates-run.ts';

export interface Context extends Amounts {
  connections: number;
  totalCalls: number;
  fittingCalls: number;
  openCapMicros: number;
  reserveMicros: number;
}

const percent = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : 'n/a');
const perCall = (part: number, whole: number) => (whole > 0 ? (part / whole).toFixed(3) : 'n/a');

interface Row {
  run: IsolatesRun;
  figures: RunFigures;
}

function runsTable(rows: Row[], context: Context): string {
  const cells = rows.map(({ run, figures }) => {
    const first = figures.firstRefusal;
    const failed = figures.checks.filter((check) => !check.held).map((check) => check.label);
    return [
      `${run.isolates}`,
      `${run.round}`,
      micros(figures.accepted),
      micros(figures.refused),
      percent(figures.refused, run.responses.length),
      micros(figures.refusedEarly),
      first ? micros(context.capMicros - first.spentMicros) : 'n/a',
      first ? micros(first.reservedMicros) : 'n/a',
      micros(figures.acceptedAfterFirstRefusal),
      failed.length === 0 ? 'all held' : `**failed: ${failed.join(', ')}**`,
    ];
  });
  return markdownTable(
    [
      'Isolates',
      'Round',
      'Accepted',
      'Refused',
      'Refusal rate',
      'Refused early',
      'Unspent at the 1st 402 (micros)',
      'Reserved then (micros)',
      'Accepted after the 1st 402',
      'Checks',
    ],
    cells,
    [true, true, true, true, true, true, true, true, true, false],
  );
}

function rpcTable(byIsolates: Map<number, Row[]>): string {
  const cells = [...byIsolates.entries()].map(([isolates, rows]) => {
    const total = (pick: (figures: RunFigures) => number) => rows.reduce((sum, row) => sum + pick(row.figures), 0);
    const accepted = total((f) => f.accepted);
    const refused = total((f) => f.refused);
    const grants = total((f) => f.draws - f.refusedDraws);
    const rpcs = total((f) => f.draws + f.records + f.closes);
    return [
      `${isolates}`,
      perCall(grants, accepted),
      perCall(
        total((f) => f.closes),
        accepted,
      ),
      perCall(
        total((f) => f.rows),
        total((f) => f.records),
      ),
      perCall(
        total((f) => f.refusedDraws),
        refused,
      ),
      perCall(rpcs, accepted + refused),
    ];
  });
  return markdownTable(
    [
      'Isolates',
      'Leases granted per accepted call',
      'Closes per accepted call',
      'Rows per `record`',
      'Refused draws per 402',
      'Ledger RPCs per call',
    ],
    cells,
    [true, true, true, true, true, true],
  );
}

function summary(byIsolates: Map<number, Row[]>, context: Context): string {
  const medianOf = (rows: Row[], pick: (figures: RunFigures) => number) => median(rows.map((row) => pick(row.figures)));
  const lines = [...byIsolates.entries()].map(
    ([isolates, rows]) =>
      `${isolates} isolate${isolates === 1 ? '' : 's'}: ${micros(medianOf(rows, (f) => f.refusedEarly))} refused early, ` +
      `${micros(medianOf(rows, (f) => f.firstRefusal?.reservedMicros ?? 0))} micros reserved at the first 402`,
  );
  const rpcsPerCall = (rows: Row[]) => {
    const rpcs = rows.reduce((sum, row) => sum + row.figures.draws + row.figures.records + row.figures.closes, 0);
    return rpcs / rows.reduce((sum, row) => sum + row.run.responses.length, 0);
  };
  const entries = [...byIsolates.entries()];
  const [first, last] = [entries[0], entries[entries.length - 1]];
  const rpcRatio =
    first && last && first !== last
      ? ` Ledger RPCs per call, ${last[0]} isolates against ${first[0]}: ${ratio(rpcsPerCall(last[1]) / rpcsPerCall(first[1]))}.`
      : '';
  const allHeld = [...byIsolates.values()].flat().every((row) => row.figures.checks.every((check) => check.held));
  return `${allHeld ? '**Zero overspend**: every check held in every run.' : '**A check failed**: see the table.'} Medians over the rounds: ${lines.join('; ')} (one worst case is ${micros(context.reserveMicros)}).${rpcRatio}`;
}

export function renderBudgetIsolates(runs: IsolatesRun[], context: Context): string {
  const rows = runs.map((run) => ({ run, figures: figuresOf(run, context) }));
  const byIsolates = new Map<number, Row[]>();
  for (const row of rows) byIsolates.set(row.run.isolates, [...(byIsolates.get(row.run.isolates) ?? []), row]);
  const mostAdmitted = Math.floor((context.capMicros - context.reserveMicros) / context.actualMicros) + 1;
  const settled = Math.max(...runs.map((run) => run.settledMs));
  return `Copies of the bench-only budget-gate Worker (\`bench/fixtures/budget-gate.ts\`, its product design:
\`LeaseGate\` leases and rows stored before the answer), each a Worker of its own and so an isolate of
its own (each names itself; the check below counts distinct names), bind the Empire Worker's
\`BudgetLedger\` class across scripts and share one ledger object. One client process spreads
${micros(context.totalCalls)} calls over 1, 2 or 4 of them in turn, ${context.connections} in flight at once. Each call reserves
${micros(context.reserveMicros)} micros for the scopes \`global\` and \`client:bench\` and settles at ${micros(context.actualMicros)}. Each run
has a new ledger whose global day cap fits ${micros(context.fittingCalls)} calls at their settled cost (${micros(context.capMicros)}
micros; every other cap ${micros(context.openCapMicros)}): a call is admitted only while a whole reservation
still fits, so at most ${micros(mostAdmitted)} can be accepted, and at least ${micros(context.totalCalls - mostAdmitted)} (${percent(context.totalCalls - mostAdmitted, context.totalCalls)}) must be refused.
Rounds interleave the isolate counts.

- **Refused early**: 402s answered before the last accepted call was sent, so refused while budget
  a later call was granted was still held somewhere: by another isolate's lease, or by calls whose
  rows were on their way.
- **Unspent at the 1st 402** and **reserved then**: the ledger's own figures for the binding cap
  when it first refused (cap − spent, and what leases held of it). Of what was reserved, rows on
  their way account for at most ${context.connections} × ${micros(context.actualMicros)} micros; the rest sat unused in leases.
- **Accepted after the 1st 402**: calls admitted from that held budget after the first refusal.

${runsTable(rows, context)}

${summary(byIsolates, context)}

Ledger RPCs, over all rounds of each isolate count. Each isolate draws its own leases, so more
isolates draw more of them; a refused call costs a draw unless it waited on another call's draw.

${rpcTable(byIsolates)}

Checks after every run, once every lease had closed (the slowest after ${micros(settled)} ms): as many
distinct isolates as Workers; for \`global\` and \`client:bench\`, day and month, spent ≤ cap, spent =
${micros(context.actualMicros)} × accepted calls (the rows the ledger stored add up to its spend) and nothing left
reserved; the rows sent equal to the accepted calls and to the ledger's call count; and each
isolate's own counts of accepted and refused calls equal to the 200s and 402s the client received.
The machine is shared and loaded: read the counts against each other within this run.`;
}
