// One run of bench/budget-isolates.ts, and what is read from it: refusals, the budget leases held
// when the cap was first met, ledger RPCs, and the accounting checks.
import type { GateState, RefusalBody } from '../fixtures/budget-gate-contract.ts';
import type { ScopeUsage } from './budget-ledger.ts';

export interface CallAnswer {
  /** Which isolate (gate) served it. */
  target: number;
  status: number;
  sentMs: number;
  answeredMs: number;
  refusal?: RefusalBody;
}

export interface ScopeBooks extends ScopeUsage {
  label: string;
}

export interface IsolatesRun {
  isolates: number;
  round: number;
  responses: CallAnswer[];
  seconds: number;
  /** Each isolate's state once every lease had closed. */
  gates: GateState[];
  /** Each scope and window of the run's ledger once nothing was reserved (or 5 s passed). */
  books: ScopeBooks[];
  settledMs: number;
}

export interface RunFigures {
  accepted: number;
  refused: number;
  other: number;
  /** 402s answered before the last accepted call was sent: budget a later call was granted. */
  refusedEarly: number;
  /** The ledger's view of the binding cap at the first 402 answered. */
  firstRefusal?: RefusalBody;
  acceptedAfterFirstRefusal: number;
  draws: number;
  refusedDraws: number;
  records: number;
  rows: number;
  closes: number;
  checks: { label: string; held: boolean }[];
}

export interface Amounts {
  actualMicros: number;
  capMicros: number;
}

function accountingChecks(run: IsolatesRun, figures: Omit<RunFigures, 'checks'>, amounts: Amounts) {
  const served = run.gates.reduce(
    (sum, gate) => ({ accepted: sum.accepted + gate.accepted, refused: sum.refused + gate.refused }),
    {
      accepted: 0,
      refused: 0,
    },
  );
  const expectedSpend = amounts.actualMicros * figures.accepted;
  const global = run.books.find((row) => row.label === 'global:* day');
  return [
    {
      label: `${run.isolates} distinct isolates`,
      held: new Set(run.gates.map((gate) => gate.isolate)).size === run.isolates,
    },
    {
      label: 'spent ≤ cap on every scope and window',
      held: run.books.every((row) => row.capMicros === null || row.spentMicros <= row.capMicros),
    },
    {
      label: `spent = ${amounts.actualMicros} × accepted on every scope and window`,
      held: run.books.every((row) => row.spentMicros === expectedSpend),
    },
    { label: 'ledger rows = accepted', held: figures.rows === figures.accepted && global?.calls === figures.accepted },
    { label: 'nothing left reserved', held: run.books.every((row) => row.reservedMicros === 0) },
    {
      label: 'every call answered 200 or 402, as each isolate counted it',
      held: figures.other === 0 && served.accepted === figures.accepted && served.refused === figures.refused,
    },
  ];
}

export function figuresOf(run: IsolatesRun, amounts: Amounts): RunFigures {
  const accepted = run.responses.filter((call) => call.status === 200);
  const refused = run.responses.filter((call) => call.status === 402);
  const lastAcceptedSent = Math.max(...accepted.map((call) => call.sentMs));
  const first = refused.reduce<CallAnswer | undefined>(
    (earliest, call) => (earliest === undefined || call.answeredMs < earliest.answeredMs ? call : earliest),
    undefined,
  );
  const sum = (field: 'draws' | 'refusedDraws' | 'records' | 'rows' | 'closes') =>
    run.gates.reduce((total, gate) => total + gate[field], 0);
  const figures = {
    accepted: accepted.length,
    refused: refused.length,
    other: run.responses.length - accepted.length - refused.length,
    refusedEarly: refused.filter((call) => call.answeredMs < lastAcceptedSent).length,
    firstRefusal: first?.refusal,
    acceptedAfterFirstRefusal: first ? accepted.filter((call) => call.sentMs > first.answeredMs).length : 0,
    draws: sum('draws'),
    refusedDraws: sum('refusedDraws'),
    records: sum('records'),
    rows: sum('rows'),
    closes: sum('closes'),
  };
  return { ...figures, checks: accountingChecks(run, figures, amounts) };
}
