import type { LedgerEntry } from '../src/llm/ledger';
import type { ForwardedRow } from '../src/llm/postgres-ledger';

/** A stored row and the order it was stored in, so a forwarded batch is removed exactly. */
export interface PendingRow extends ForwardedRow {
  seq: number;
}

/** A row on its way into the outbox, with what it was charged to. */
export interface OutboxEntry {
  entry: LedgerEntry;
  scopes: string[];
  dayKey: string;
  monthKey: string;
}

type OutboxRow = { seq: number; row: string; scopes: string; day_key: string; month_key: string; cost_micros: number };

/**
 * The ledger's own copy of every row until Postgres has it. A row is stored in the same step that
 * charges its cost, so what the budget counts as spent and what the ledger holds cannot part;
 * the alarm carries rows on to Postgres and removes them once written. Call ids seen stay
 * for two days after, so a row sent twice is charged once even after it has left.
 */
export class LedgerRows {
  constructor(private readonly sql: SqlStorage) {}

  /** False when this call id was stored before: the caller then changes nothing. */
  claim(callId: string, at: number): boolean {
    return (
      this.sql
        .exec('insert into ledger_seen values (?, ?) on conflict do nothing returning call_id', callId, at)
        .toArray().length > 0
    );
  }

  /** The call ids of `callIds` not stored before, claimed in one statement. */
  claimAll(callIds: string[], at: number): Set<string> {
    if (callIds.length === 0) return new Set();
    const fresh = this.sql
      .exec<{ call_id: string }>(
        `insert into ledger_seen (call_id, at) select value, ? from json_each(?) where true
          on conflict do nothing returning call_id`,
        at,
        JSON.stringify(callIds),
      )
      .toArray();
    return new Set(fresh.map((row) => row.call_id));
  }

  /** Stores rows in the order given, in one statement. */
  addAll(rows: OutboxEntry[]): void {
    if (rows.length === 0) return;
    const values = rows.map(({ entry, scopes, dayKey, monthKey }) => [
      entry.callId,
      JSON.stringify(entry),
      JSON.stringify(scopes),
      dayKey,
      monthKey,
      entry.costMicros,
      entry.at,
    ]);
    this.sql.exec(
      `insert into ledger_outbox (call_id, row, scopes, day_key, month_key, cost_micros, at)
        select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6
        from json_each(?) order by key`,
      JSON.stringify(values),
    );
  }

  add(entry: LedgerEntry, scopes: string[], dayKey: string, monthKey: string): void {
    this.addAll([{ entry, scopes, dayKey, monthKey }]);
  }

  pending(limit: number): PendingRow[] {
    return this.sql
      .exec<OutboxRow>(
        'select seq, row, scopes, day_key, month_key, cost_micros from ledger_outbox order by seq limit ?',
        limit,
      )
      .toArray()
      .map((stored) => ({
        ...(JSON.parse(stored.row) as LedgerEntry),
        seq: stored.seq,
        budgetDay: stored.day_key,
        budgetMonth: stored.month_key,
      }));
  }

  remove(rows: PendingRow[]): void {
    const last = rows.at(-1);
    if (last) this.sql.exec('delete from ledger_outbox where seq <= ?', last.seq);
  }

  summary(): { rows: number; costMicros: number; oldestAt: number | null } {
    const row = this.sql
      .exec<{ n: number; cost: number | null; oldest: number | null }>(
        'select count(*) as n, sum(cost_micros) as cost, min(at) as oldest from ledger_outbox',
      )
      .one();
    return { rows: row.n, costMicros: row.cost ?? 0, oldestAt: row.oldest };
  }

  /** Cost waiting to be forwarded, per `windowKey|scope`, for the windows given. */
  pendingByScope(dayKey: string, monthKey: string): Map<string, number> {
    const totals = new Map<string, number>();
    const rows = this.sql
      .exec<OutboxRow>(
        'select scopes, day_key, month_key, cost_micros from ledger_outbox where day_key = ? or month_key = ?',
        dayKey,
        monthKey,
      )
      .toArray();
    for (const row of rows) {
      for (const scope of JSON.parse(row.scopes) as string[]) {
        for (const key of [row.day_key, row.month_key]) {
          if (key !== dayKey && key !== monthKey) continue;
          const at = `${key}|${scope}`;
          totals.set(at, (totals.get(at) ?? 0) + row.cost_micros);
        }
      }
    }
    return totals;
  }

  pruneSeen(before: number): void {
    this.sql.exec('delete from ledger_seen where at < ?', before);
  }
}
