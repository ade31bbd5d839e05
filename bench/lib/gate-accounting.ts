// After a load run against the budget-gate fixture: what the ledger recorded against what the
// client saw, once every lease has closed and every call's row has been recorded (spend moves only
// with a recorded row; a close keeps reserved what rows not yet arrived will charge). Zero
// overspend means spent <= cap and spent equal to exactly the settled amount of every accepted
// call, with nothing left reserved.
import { z } from 'zod';
import { ACTUAL_MICROS, BENCH_CLIENT, statsPath } from '../fixtures/budget-gate-contract.ts';
import { type BudgetLedgerHandle, GLOBAL, type LedgerScope, settledUsage, type Window } from './budget-ledger.ts';
import type { Measurement } from './load.ts';

export const BENCH_CLIENT_SCOPE: LedgerScope = { kind: 'client', id: BENCH_CLIENT };
const windows: Window[] = ['day', 'month'];

const statsSchema = z.object({ accepted: z.number(), refused: z.number() });

export interface Accounting {
  ledger: string;
  /** The global day cap the run was under. */
  capMicros: number;
  spentMicros: number;
  reservedMicros: number;
  /** Calls the ledger counted as settled. */
  ledgerCalls: number;
  /** 200 and 402 responses the client received, warm-up included, and anything else. */
  accepted: number;
  refused: number;
  unexpected: number;
  /** Calls the fixture itself counted as accepted (every one the client sent, if none was lost). */
  servedAccepted: number;
  /** How long the leases took to close, and their rows to be recorded, after the load stopped. */
  settledMs: number;
  /** Each check, and whether it held. */
  checks: { label: string; held: boolean }[];
}

/** Sets the same cap on the global and bench-client scopes, day and month. */
export async function setCaps(ledger: BudgetLedgerHandle, capMicros: number): Promise<void> {
  for (const scope of [GLOBAL, BENCH_CLIENT_SCOPE]) {
    for (const window of windows) await ledger.setCap(scope, window, capMicros);
  }
}

function statuses(measurement: Measurement): Record<string, number> {
  const all: Record<string, number> = { ...measurement.warmup.statuses };
  for (const [status, n] of Object.entries(measurement.tally.statuses)) all[status] = (all[status] ?? 0) + n;
  return all;
}

export async function account(
  ledger: BudgetLedgerHandle,
  gateUrl: string,
  capMicros: number,
  measurement: Measurement,
): Promise<Accounting> {
  const { usage, waitedMs } = await settledUsage(ledger, GLOBAL);
  const client = await ledger.usage(BENCH_CLIENT_SCOPE);
  const served = statsSchema.parse(await (await fetch(`${gateUrl}${statsPath(ledger.name)}`)).json());
  const byStatus = statuses(measurement);
  const accepted = byStatus['200'] ?? 0;
  const refused = byStatus['402'] ?? 0;
  const unexpected = Object.values(byStatus).reduce((sum, n) => sum + n, 0) - accepted - refused + measurement.errors;
  const spent = usage.spentMicros;
  return {
    ledger: ledger.name,
    capMicros,
    spentMicros: spent,
    reservedMicros: usage.reservedMicros,
    ledgerCalls: usage.calls,
    accepted,
    refused,
    unexpected,
    servedAccepted: served.accepted,
    settledMs: waitedMs,
    checks: [
      { label: 'spent ≤ cap', held: spent <= capMicros },
      { label: `spent = ${ACTUAL_MICROS} × accepted`, held: spent === ACTUAL_MICROS * accepted },
      { label: 'reserved = 0', held: usage.reservedMicros === 0 && client.reservedMicros === 0 },
      { label: 'client scope = global', held: client.spentMicros === spent },
      { label: 'ledger calls = accepted', held: usage.calls === accepted },
      { label: 'every accepted call answered', held: served.accepted === accepted && unexpected === 0 },
    ],
  };
}

export const accountingHeld = (accounting: Accounting) => accounting.checks.every((check) => check.held);
