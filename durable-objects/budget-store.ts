import { parseLabel, scopeLabel } from '../src/budget/scopes';
import type { BudgetAlert, Refusal, ScopeUsage } from '../src/budget/types';
import { type WindowKind, windowEnd, windowKey, windowKinds } from '../src/budget/windows';
import { usageReport } from './budget-usage-report';

// Retrying a call blocked only by reservations in flight: they settle within seconds.
const RESERVED_RETRY_MS = 5_000;

export type LeaseRow = {
  id: string;
  scopes: string;
  day_key: string;
  month_key: string;
  held_micros: number;
  expires_at: number;
  status: 'open' | 'closed' | 'expired';
  recorded_micros: number;
  closed_spent: number | null;
  expiry_left: number;
};

const adjustStatements = new Map<number, string>();

/** The usage upsert for this many rows, written once per row count. */
function adjustStatement(rows: number): string {
  let statement = adjustStatements.get(rows);
  if (!statement) {
    statement = `insert into usage values ${Array(rows).fill('(?, ?, ?, ?, ?)').join(', ')} on conflict do update set
       spent_micros = spent_micros + excluded.spent_micros,
       reserved_micros = reserved_micros + excluded.reserved_micros,
       calls = calls + excluded.calls`;
    adjustStatements.set(rows, statement);
  }
  return statement;
}

/** SQL over the ledger's tables; every method is synchronous so one RPC is one atomic step. */
export class BudgetStore {
  /**
   * Read-through memos for what every stored row would otherwise query again: caps (dropped on
   * any change, so a rolled-back change is read again) and alerts seen stored (learned only by
   * reading them, never by writing, for the same reason).
   */
  private readonly caps = new Map<string, number | null>();
  private readonly storedAlerts = new Set<string>();

  constructor(private readonly sql: SqlStorage) {}

  cap(scope: string, window: WindowKind): number | null {
    const memo = `${scope}|${window}`;
    const known = this.caps.get(memo);
    if (known !== undefined) return known;
    const row = this.sql
      .exec<{ cap_micros: number }>('select cap_micros from caps where scope = ? and window = ?', scope, window)
      .toArray()[0];
    const cap = row ? row.cap_micros : null;
    this.caps.set(memo, cap);
    return cap;
  }

  setCap(scope: string, window: WindowKind, capMicros: number | null): void {
    this.caps.delete(`${scope}|${window}`);
    if (capMicros === null) this.sql.exec('delete from caps where scope = ? and window = ?', scope, window);
    else
      this.sql.exec(
        'insert into caps values (?, ?, ?) on conflict do update set cap_micros = excluded.cap_micros',
        scope,
        window,
        capMicros,
      );
  }

  hasAnyCap(): boolean {
    return this.sql.exec('select 1 from caps limit 1').toArray().length > 0;
  }

  usage(windowKeyValue: string, scope: string): { spent: number; reserved: number; calls: number } {
    const row = this.sql
      .exec<{ spent_micros: number; reserved_micros: number; calls: number }>(
        'select spent_micros, reserved_micros, calls from usage where window_key = ? and scope = ?',
        windowKeyValue,
        scope,
      )
      .toArray()[0];
    return { spent: row?.spent_micros ?? 0, reserved: row?.reserved_micros ?? 0, calls: row?.calls ?? 0 };
  }

  /**
   * Adds the same change to the usage of each scope in both of its windows, in one statement: every
   * ledger row and lease touches two to six usage rows.
   */
  adjust(
    windows: { day_key: string; month_key: string },
    scopes: string[],
    delta: { spent?: number; reserved?: number; calls?: number },
  ): void {
    if (scopes.length === 0) return;
    const values: (string | number)[] = [];
    for (const scope of scopes) {
      for (const key of [windows.day_key, windows.month_key]) {
        values.push(key, scope, delta.spent ?? 0, delta.reserved ?? 0, delta.calls ?? 0);
      }
    }
    this.sql.exec(adjustStatement(scopes.length * 2), ...values);
  }

  /** The tightest room left across every scope and window, and the cap that sets it. */
  room(scopes: string[], now: number, requested: number): { room: number; binding?: Refusal } {
    let room = Number.POSITIVE_INFINITY;
    let binding: Refusal | undefined;
    for (const scope of scopes) {
      for (const window of windowKinds) {
        const cap = this.cap(scope, window);
        if (cap === null) continue;
        const { spent, reserved } = this.usage(windowKey(window, now), scope);
        const left = cap - spent - reserved;
        if (left < room) {
          room = left;
          const retryAt = spent + requested <= cap ? now + RESERVED_RETRY_MS : windowEnd(window, now);
          binding = {
            scope: parseLabel(scope),
            window,
            capMicros: cap,
            spentMicros: spent,
            reservedMicros: reserved,
            requestedMicros: requested,
            retryAt,
          };
        }
      }
    }
    return { room, binding };
  }

  insertLease(lease: Omit<LeaseRow, 'status' | 'recorded_micros' | 'closed_spent' | 'expiry_left'>): void {
    this.sql.exec(
      'insert into leases (id, scopes, day_key, month_key, held_micros, expires_at, status) values (?, ?, ?, ?, ?, ?, ?)',
      lease.id,
      lease.scopes,
      lease.day_key,
      lease.month_key,
      lease.held_micros,
      lease.expires_at,
      'open',
    );
  }

  lease(id: string): LeaseRow | undefined {
    return this.sql.exec<LeaseRow>('select * from leases where id = ?', id).toArray()[0];
  }

  updateLease(
    id: string,
    fields: Partial<Pick<LeaseRow, 'held_micros' | 'status' | 'recorded_micros' | 'closed_spent' | 'expiry_left'>>,
  ): void {
    // Only the fields given: the caller has the lease in hand, and every stored row pays this.
    const set = Object.entries(fields).filter(([, value]) => value !== undefined);
    if (set.length === 0) return;
    this.sql.exec(
      `update leases set ${set.map(([column]) => `${column} = ?`).join(', ')} where id = ?`,
      ...set.map(([, value]) => value as string | number | null),
      id,
    );
  }

  deleteLease(id: string): void {
    this.sql.exec('delete from leases where id = ?', id);
  }

  /** Expired leases kept for a late close to correct; none comes this late. */
  pruneExpiredLeases(expiredBefore: number): void {
    this.sql.exec("delete from leases where status = 'expired' and expires_at < ?", expiredBefore);
  }

  /** Leases past their time whose holder never accounted for all of them: open, or closed with rows missing. */
  overdueLeases(now: number): LeaseRow[] {
    return this.sql
      .exec<LeaseRow>("select * from leases where status in ('open', 'closed') and expires_at <= ?", now)
      .toArray();
  }

  nextExpiry(): number | null {
    const row = this.sql
      .exec<{ next: number | null }>("select min(expires_at) as next from leases where status in ('open', 'closed')")
      .toArray()[0];
    return row?.next ?? null;
  }

  /** Records an alert once per window, scope and threshold; true when it is new. */
  recordAlert(alert: BudgetAlert): boolean {
    const memo = `${alert.windowKey}|${scopeLabel(alert.scope)}|${alert.threshold}`;
    if (this.storedAlerts.has(memo)) return false;
    const before = this.sql
      .exec(
        'select 1 from alerts where window_key = ? and scope = ? and threshold = ?',
        alert.windowKey,
        scopeLabel(alert.scope),
        String(alert.threshold),
      )
      .toArray().length;
    if (before > 0) {
      // Windows pass, so old keys are never asked again: forgetting them all now and then is enough.
      if (this.storedAlerts.size >= 10_000) this.storedAlerts.clear();
      this.storedAlerts.add(memo);
      return false;
    }
    this.sql.exec(
      'insert into alerts values (?, ?, ?, ?, ?, ?)',
      alert.windowKey,
      scopeLabel(alert.scope),
      String(alert.threshold),
      alert.spentMicros,
      alert.limitMicros,
      alert.firedAt,
    );
    return true;
  }

  alerts(limit: number): BudgetAlert[] {
    return this.sql
      .exec<{
        window_key: string;
        scope: string;
        threshold: string;
        spent_micros: number;
        limit_micros: number;
        fired_at: number;
      }>('select * from alerts order by fired_at desc limit ?', limit)
      .toArray()
      .map((row) => ({
        scope: parseLabel(row.scope),
        window: row.window_key.startsWith('day:') ? 'day' : 'month',
        windowKey: row.window_key,
        threshold: row.threshold === 'p1' ? 'p1' : (Number(row.threshold) as 50 | 80 | 100),
        spentMicros: row.spent_micros,
        limitMicros: row.limit_micros,
        firedAt: row.fired_at,
      }));
  }

  /** Everything a scope has been charged, in every month window kept. */
  spentEver(scope: string): number {
    const sum =
      "select coalesce(sum(spent_micros), 0) as spent from usage where scope = ? and window_key like 'month:%'";
    return this.sql.exec<{ spent: number }>(sum, scope).one().spent;
  }

  /** Each scope's usage in the current day and month windows, with its cap. */
  usageRows(now: number): ScopeUsage[] {
    return usageReport(this.sql, now);
  }
}
