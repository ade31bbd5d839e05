import { DurableObject } from 'cloudflare:workers';
import type { ImportOptions, StateDump } from '../src/backup/state-dump';
import type { LedgerStatus } from '../src/budget/books';
import type { LedgerView } from '../src/budget/reconcile';
import { type Scope, scopeLabel } from '../src/budget/scopes';
import { budgetSettings } from '../src/budget/settings';
import type {
  BudgetAlert,
  BudgetSnapshot,
  DrawRequest,
  DrawResult,
  LeaseClose,
  LeaseReturn,
} from '../src/budget/types';
import { type WindowKind, windowKey } from '../src/budget/windows';
import { loadConfig } from '../src/config/config';
import type { LedgerEntry } from '../src/llm/ledger';
import { evaluateAlerts } from './budget-alerts';
import { budgetMigrations } from './budget-schema';
import { BudgetStore, type LeaseRow } from './budget-store';
import { dashboardEvents } from './clients';
import { type Charged, chargeEntry, closeLease, expireLease, RecordBatch } from './ledger-accounting';
import { LedgerForwarder } from './ledger-forwarder';
import { LedgerRows } from './ledger-rows';
import { type PingAnswer, pingStorage } from './ping';
import { migrateSchema } from './schema-migrations';
import { dumpTables, loadTables } from './storage-dump';

/** Ledger rows waiting for Postgres are left out: the nightly backup holds the Postgres ledger itself. */
const BACKED_UP_TABLES = ['caps', 'usage', 'leases', 'alerts'];
/** A holder closes its leases within seconds of their last use; a close later than this is not waited for. */
const LATE_CLOSE_MS = 24 * 60 * 60 * 1000;
/** Call ids are remembered this long after their row is stored, so a replay is charged once. */
const SEEN_FOR_MS = 2 * 24 * 60 * 60 * 1000;
/** Rows wait this long for others before they go to Postgres together. */
const FORWARD_AFTER_MS = 200;

/**
 * The spend ledger. Callers hold budget as leases: a lease reserves an amount against every
 * cap of its scopes at once, and the holder hands it to calls locally. Each call's ledger row is
 * stored here, and its cost charged, in one step (ledger-accounting.ts); the alarm carries rows
 * on to Postgres. A lease not accounted for in time is charged as a row of its own, so budget can
 * be over-counted for a while but never overspent, and the ledger always holds what was spent.
 */
export class BudgetLedger extends DurableObject<Env> {
  private store: BudgetStore;
  private readonly rows: LedgerRows;
  private readonly forwarder: LedgerForwarder;
  private readonly settings = budgetSettings(loadConfig(this.env));
  private lastAnnounced = 0;
  /** The earliest alarm this instance has set; storage has the truth, this saves asking it. */
  private alarmAt: number | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrateSchema(ctx.storage, 'BudgetLedger', budgetMigrations);
    this.store = new BudgetStore(ctx.storage.sql);
    this.rows = new LedgerRows(ctx.storage.sql);
    this.forwarder = new LedgerForwarder(this.rows, loadConfig(env));
    if (!this.store.hasAnyCap()) {
      this.store.setCap(scopeLabel({ kind: 'global', id: '*' }), 'day', this.settings.defaultDailyCapMicros);
      this.store.setCap(scopeLabel({ kind: 'global', id: '*' }), 'month', this.settings.defaultMonthlyCapMicros);
    }
  }

  ping(): PingAnswer {
    return pingStorage(this.ctx.storage, 'BudgetLedger');
  }

  async draw(request: DrawRequest): Promise<DrawResult> {
    const labels = request.scopes.map(scopeLabel);
    const result = this.ctx.storage.transactionSync((): DrawResult => {
      if (request.returning) this.giveBack(request.returning);
      const { room, binding } = this.store.room(labels, request.at, request.minMicros);
      if (room < request.minMicros && binding) return { ok: false, refusal: binding };
      // No single lease takes more than a quarter of the room left, so leases shrink near a cap.
      const granted = Math.max(request.minMicros, Math.min(request.wantMicros, Math.floor(room / 4)));
      const lease = {
        id: crypto.randomUUID(),
        scopes: JSON.stringify(labels),
        day_key: windowKey('day', request.at),
        month_key: windowKey('month', request.at),
        held_micros: granted,
        expires_at: Date.now() + this.settings.leaseTtlMs,
      };
      this.store.insertLease(lease);
      this.store.adjust(lease, labels, { reserved: granted });
      return {
        ok: true,
        lease: { leaseId: lease.id, grantedMicros: granted, expiresAt: lease.expires_at },
        alerts: [],
      };
    });
    await this.scheduleExpiry();
    return result;
  }

  /** Stores ledger rows and charges their cost; a call id stored before changes nothing. */
  async record(entries: LedgerEntry[]): Promise<{ alerts: BudgetAlert[]; stored: number }> {
    const now = Date.now();
    const result = this.ctx.storage.transactionSync(() => {
      const touched = new Map<string, Charged>();
      const batch = new RecordBatch();
      const fresh = this.rows.claimAll(
        entries.map((entry) => entry.callId),
        now,
      );
      let stored = 0;
      for (const entry of entries) {
        // Deleted once charged: a call id twice in one batch is charged once.
        if (!fresh.delete(entry.callId)) continue;
        const charged = chargeEntry(this.store, this.rows, batch, entry);
        touched.set(`${charged.day_key}|${charged.scopes.join(',')}`, charged);
        stored += 1;
      }
      batch.flush(this.store, this.rows);
      const alerts = [...touched.values()].flatMap((charged) => this.alertsFor(charged));
      return { alerts, stored };
    });
    if (result.stored > 0) {
      this.announceSpend();
      await this.armAlarm(now + FORWARD_AFTER_MS);
    }
    return result;
  }

  async close(close: LeaseClose): Promise<{ alerts: BudgetAlert[] }> {
    const result = this.ctx.storage.transactionSync(() => {
      const lease = this.store.lease(close.leaseId);
      if (!lease) return { alerts: [] };
      closeLease(this.store, this.rows, lease, close.spentMicros);
      return { alerts: this.alertsFor(lease) };
    });
    await this.armAlarm(Date.now() + FORWARD_AFTER_MS);
    return result;
  }

  /** What waits to reach Postgres, and how forwarding goes. */
  ledgerStatus(): LedgerStatus {
    const pending = this.rows.summary();
    const { failures, lastError, lastForwardedAt } = this.forwarder.state;
    return {
      pendingRows: pending.rows,
      pendingCostMicros: pending.costMicros,
      oldestPendingAt: pending.oldestAt,
      forwardFailures: failures,
      lastForwardError: lastError,
      lastForwardedAt,
    };
  }

  /** Spent per scope and window as charged here, and the part of it whose rows still wait here. */
  reconcileView(at: number = Date.now()): LedgerView {
    const pending = this.rows.pendingByScope(windowKey('day', at), windowKey('month', at));
    const rows = [...pending.entries()].map(([key, costMicros]) => ({ key, costMicros }));
    return { usage: this.store.usageRows(at), pending: rows };
  }

  snapshot(at: number = Date.now()): BudgetSnapshot {
    return { at, usage: this.store.usageRows(at), alerts: this.store.alerts(100) };
  }

  /** What a scope has been charged in all, by the rows stored here: a swarm run's cost. */
  scopeSpentMicros(scope: Scope): number {
    return this.store.spentEver(scopeLabel(scope));
  }

  setCap(scope: Scope, window: WindowKind, capMicros: number | null): void {
    this.store.setCap(scopeLabel(scope), window, capMicros);
  }

  /** What rebuilds the budget: caps, windows (usage), leases and alerts fired. */
  async exportState(): Promise<StateDump> {
    return dumpTables(this.ctx.storage, BACKED_UP_TABLES);
  }

  async importState(dump: StateDump, options: ImportOptions): Promise<{ rows: number }> {
    const result = loadTables(this.ctx.storage, 'BudgetLedger', BACKED_UP_TABLES, dump);
    // The store's memos (caps, alerts seen) describe the rows just replaced.
    this.store = new BudgetStore(this.ctx.storage.sql);
    if (options.resume) await this.scheduleExpiry();
    return result;
  }

  /** Back to what a new object holds: empty tables at the current schema version. */
  async eraseState(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    this.alarmAt = null;
    await this.ctx.storage.deleteAll();
    migrateSchema(this.ctx.storage, 'BudgetLedger', budgetMigrations);
    this.store = new BudgetStore(this.ctx.storage.sql);
  }

  override async alarm(): Promise<void> {
    this.alarmAt = null;
    const now = Date.now();
    this.ctx.storage.transactionSync(() => {
      for (const lease of this.store.overdueLeases(now)) {
        expireLease(this.store, this.rows, lease);
        this.alertsFor(lease);
      }
      this.store.pruneExpiredLeases(now - LATE_CLOSE_MS);
      this.rows.pruneSeen(now - SEEN_FOR_MS);
    });
    const { more, written } = await this.forwarder.forward();
    // The dashboard's spend chart reads the Postgres ledger; it refetches when told rows landed.
    if (written > 0)
      await dashboardEvents(this.env)
        .publish({ type: 'spend.recorded', entries: written, at: Date.now() })
        .catch(() => 0);
    if (more) await this.armAlarm(Date.now() + this.forwarder.nextDelayMs(FORWARD_AFTER_MS));
    await this.scheduleExpiry();
  }

  /** Tells the dashboard spend moved, at most once a second: a busy ledger closes many leases a second. */
  private announceSpend(): void {
    const now = Date.now();
    if (now - this.lastAnnounced < 1_000) return;
    this.lastAnnounced = now;
    this.ctx.waitUntil(
      dashboardEvents(this.env)
        .publish({ type: 'budget.spend', at: now })
        .catch(() => 0),
    );
  }

  private giveBack(returning: LeaseReturn): void {
    const lease = this.store.lease(returning.leaseId);
    if (lease?.status !== 'open' || returning.unusedMicros <= 0) return;
    const unused = Math.min(returning.unusedMicros, Math.max(0, lease.held_micros - lease.recorded_micros));
    this.store.adjust(lease, JSON.parse(lease.scopes) as string[], { reserved: -unused });
    this.store.updateLease(lease.id, { held_micros: lease.held_micros - unused });
  }

  private alertsFor(charged: Charged | LeaseRow): BudgetAlert[] {
    const scopes = typeof charged.scopes === 'string' ? (JSON.parse(charged.scopes) as string[]) : charged.scopes;
    return evaluateAlerts(this.store, scopes, charged, this.settings.p1DailyMicros);
  }

  private async scheduleExpiry(): Promise<void> {
    const next = this.store.nextExpiry();
    if (next !== null) await this.armAlarm(next);
    else if (this.rows.summary().rows > 0)
      await this.armAlarm(Date.now() + this.forwarder.nextDelayMs(FORWARD_AFTER_MS));
  }

  /** One alarm serves expiry and forwarding: it is moved earlier, never later. */
  private async armAlarm(at: number): Promise<void> {
    if (this.alarmAt !== null && this.alarmAt <= at) return;
    const current = await this.ctx.storage.getAlarm();
    if (current !== null && current <= at) {
      this.alarmAt = current;
      return;
    }
    await this.ctx.storage.setAlarm(at);
    this.alarmAt = at;
  }
}
