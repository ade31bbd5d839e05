import { type CallScopes, parseLabel, scopeLabel, scopesOf } from '../src/budget/scopes';
import { windowKey } from '../src/budget/windows';
import type { LedgerEntry } from '../src/llm/ledger';
import type { BudgetStore, LeaseRow } from './budget-store';
import type { LedgerRows, OutboxEntry } from './ledger-rows';

/*
 * The books balance by construction: `spent` in a scope and window only ever moves together with
 * a stored ledger row of the same amount, charged to that scope and window. A lease reserves
 * budget; the rows of its calls turn reservation into spend; its close gives back what its calls
 * did not use; and a lease nobody accounted for by its expiry is charged as a row of its own.
 */

export interface Charged {
  scopes: string[];
  day_key: string;
  month_key: string;
}

/** Budget a lease still holds in reserve, beyond what its rows have turned into spend. */
export function outstanding(lease: LeaseRow): number {
  if (lease.status === 'open') return Math.max(0, lease.held_micros - lease.recorded_micros);
  if (lease.status === 'closed') return Math.max(0, (lease.closed_spent ?? 0) - lease.recorded_micros);
  return 0;
}

type UsageDelta = { spent?: number; reserved?: number; calls?: number };

function apply(store: BudgetStore, to: Charged, delta: UsageDelta) {
  store.adjust(to, to.scopes, delta);
}

/**
 * What storing a batch of rows writes, gathered and written together when flushed: the rows, in
 * order, in one statement, and usage added up per scope set and window, one statement each. Exact,
 * since usage only ever moves by sums and nothing reads either before the flush. A batch of swarm
 * jobs shares one scope set: a hundred rows, two writes.
 */
export class RecordBatch {
  private readonly usage = new Map<string, { to: Charged; spent: number; reserved: number; calls: number }>();
  private readonly rows: OutboxEntry[] = [];

  charge(to: Charged, delta: UsageDelta): void {
    const key = `${to.day_key}|${to.month_key}|${to.scopes.join(',')}`;
    const sum = this.usage.get(key) ?? { to, spent: 0, reserved: 0, calls: 0 };
    sum.spent += delta.spent ?? 0;
    sum.reserved += delta.reserved ?? 0;
    sum.calls += delta.calls ?? 0;
    this.usage.set(key, sum);
  }

  add(entry: LedgerEntry, to: Charged): void {
    this.rows.push({ entry, scopes: to.scopes, dayKey: to.day_key, monthKey: to.month_key });
  }

  flush(store: BudgetStore, rows: LedgerRows): void {
    rows.addAll(this.rows.splice(0));
    for (const { to, ...delta } of this.usage.values()) apply(store, to, delta);
    this.usage.clear();
  }
}

const countsAsCall = (entry: LedgerEntry) =>
  entry.kind === 'call' && (entry.status !== 'error' || entry.costMicros > 0);

function scopesFromLabels(labels: string[]): CallScopes {
  const scopes: CallScopes = {};
  for (const label of labels) {
    const scope = parseLabel(label);
    if (scope.kind !== 'global') scopes[scope.kind] = scope.id;
  }
  return scopes;
}

/** A row the ledger writes itself, for spend no call row carries. */
function budgetRow(lease: LeaseRow, kind: 'lease_expired' | 'expiry_adjustment', callId: string, cost: number) {
  const entry: LedgerEntry = {
    callId,
    requestId: lease.id,
    kind,
    at: Date.now(),
    provider: 'budget',
    model: 'lease',
    tokensIn: 0,
    tokensOut: 0,
    costMicros: cost,
    latencyMs: 0,
    status: 'ok',
    cacheHit: false,
    scopes: scopesFromLabels(JSON.parse(lease.scopes) as string[]),
    leaseId: lease.id,
  };
  return entry;
}

function leaseCharged(lease: LeaseRow): Charged {
  return { scopes: JSON.parse(lease.scopes) as string[], day_key: lease.day_key, month_key: lease.month_key };
}

/**
 * Stores one call's row and charges its cost, both through `batch`, which the caller flushes; the
 * caller has claimed its call id.
 */
export function chargeEntry(store: BudgetStore, rows: LedgerRows, batch: RecordBatch, entry: LedgerEntry): Charged {
  const lease = entry.leaseId ? store.lease(entry.leaseId) : undefined;
  const charged = lease
    ? leaseCharged(lease)
    : {
        scopes: scopesOf(entry.scopes).map(scopeLabel),
        day_key: windowKey('day', entry.at),
        month_key: windowKey('month', entry.at),
      };
  const cost = entry.costMicros;
  let reserved = 0;
  let correction = 0;
  if (lease && cost !== 0) {
    if (lease.status === 'expired') correction = Math.min(cost, lease.expiry_left);
    else reserved = -Math.min(cost, outstanding(lease));
    const next = { recorded_micros: lease.recorded_micros + cost, expiry_left: lease.expiry_left - correction };
    if (lease.status === 'closed' && next.recorded_micros >= (lease.closed_spent ?? 0)) store.deleteLease(lease.id);
    else store.updateLease(lease.id, next);
  }
  batch.charge(charged, { spent: cost, reserved, calls: countsAsCall(entry) ? 1 : 0 });
  batch.add(entry, charged);
  if (lease && correction > 0) {
    // The lease's expiry already charged this call's cost: the late row takes it back.
    const row = budgetRow(lease, 'expiry_adjustment', `expiry-adjustment:${entry.callId}`, -correction);
    rows.claim(row.callId, row.at);
    batch.add(row, charged);
    batch.charge(charged, { spent: -correction });
  }
  return charged;
}

/** The holder's last word on a lease: what its calls spent. Whatever it held beyond that is free again. */
export function closeLease(store: BudgetStore, rows: LedgerRows, lease: LeaseRow, spentMicros: number): void {
  const charged = leaseCharged(lease);
  if (lease.status === 'open') {
    const before = outstanding(lease);
    // Rows not yet arrived keep their share reserved until they do, or until the lease expires.
    const after = Math.min(before, Math.max(0, spentMicros - lease.recorded_micros));
    apply(store, charged, { reserved: after - before });
    if (after === 0) store.deleteLease(lease.id);
    else store.updateLease(lease.id, { status: 'closed', closed_spent: spentMicros });
    return;
  }
  if (lease.status === 'expired' && lease.closed_spent === null) {
    // Closed after its expiry charged what it held: take back what its calls did not use.
    const owed = Math.max(0, spentMicros - lease.recorded_micros);
    const over = lease.expiry_left - owed;
    if (over > 0) {
      const row = budgetRow(lease, 'expiry_adjustment', `expiry-adjustment:${lease.id}:close`, -over);
      rows.claim(row.callId, row.at);
      rows.add(row, charged.scopes, charged.day_key, charged.month_key);
      apply(store, charged, { spent: -over });
    }
    store.updateLease(lease.id, { closed_spent: spentMicros, expiry_left: Math.min(lease.expiry_left, owed) });
  }
}

/** A lease past its time: whatever it still holds is charged, as a row naming the lease. */
export function expireLease(store: BudgetStore, rows: LedgerRows, lease: LeaseRow): void {
  const owed = outstanding(lease);
  const charged = leaseCharged(lease);
  if (owed > 0) {
    const row = budgetRow(lease, 'lease_expired', `lease-expired:${lease.id}`, owed);
    rows.claim(row.callId, row.at);
    rows.add(row, charged.scopes, charged.day_key, charged.month_key);
    apply(store, charged, { spent: owed, reserved: -owed });
  }
  store.updateLease(lease.id, { status: 'expired', expiry_left: owed });
}
