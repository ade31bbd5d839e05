import { DurableObject } from 'cloudflare:workers';
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
import { evaluateAlerts } from './budget-alerts';
import { BudgetStore, budgetMigrations, type LeaseRow } from './budget-store';
import { type PingAnswer, pingStorage } from './ping';
import { migrateSchema } from './schema-migrations';

/** A holder closes its leases within seconds of their last use; a close later than this is not waited for. */
const LATE_CLOSE_MS = 24 * 60 * 60 * 1000;

/**
 * The spend ledger. Callers hold budget as leases: a lease reserves an amount against every
 * cap of its scopes at once, and the holder hands it to calls locally. Spend is settled when
 * the lease closes. A lease not closed in time is counted as fully spent, so budget can be
 * over-counted for a while but never overspent.
 */
export class BudgetLedger extends DurableObject<Env> {
  private readonly store: BudgetStore;
  private readonly settings = budgetSettings(loadConfig(this.env));
  private lastAnnounced = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrateSchema(ctx.storage, 'BudgetLedger', budgetMigrations);
    this.store = new BudgetStore(ctx.storage.sql);
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
      this.forEachWindow(lease, (key, scope) => this.store.adjust(key, scope, { reserved: granted }));
      return {
        ok: true,
        lease: { leaseId: lease.id, grantedMicros: granted, expiresAt: lease.expires_at },
        alerts: [],
      };
    });
    await this.scheduleExpiry();
    return result;
  }

  close(close: LeaseClose): { alerts: BudgetAlert[] } {
    if (close.spentMicros > 0) this.announceSpend();
    return this.ctx.storage.transactionSync(() => {
      const lease = this.store.lease(close.leaseId);
      if (!lease) return { alerts: [] };
      // An expired lease was already counted as fully spent: correct it to what was used.
      const spent = lease.status === 'open' ? close.spentMicros : close.spentMicros - lease.held_micros;
      const reserved = lease.status === 'open' ? -lease.held_micros : 0;
      this.forEachWindow(lease, (key, scope) => this.store.adjust(key, scope, { spent, reserved, calls: close.calls }));
      // Gone once closed, so the table holds only what is open or may still be corrected; a
      // repeated close finds nothing and changes nothing.
      this.store.deleteLease(lease.id);
      return { alerts: this.alertsFor(lease) };
    });
  }

  snapshot(at: number = Date.now()): BudgetSnapshot {
    return { at, usage: this.store.usageRows(at), alerts: this.store.alerts(100) };
  }

  setCap(scope: Scope, window: WindowKind, capMicros: number | null): void {
    this.store.setCap(scopeLabel(scope), window, capMicros);
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    this.ctx.storage.transactionSync(() => {
      for (const lease of this.store.expiredOpenLeases(now)) {
        this.forEachWindow(lease, (key, scope) =>
          this.store.adjust(key, scope, { spent: lease.held_micros, reserved: -lease.held_micros }),
        );
        this.store.updateLease(lease.id, { status: 'expired' });
        this.alertsFor(lease);
      }
      this.store.pruneExpiredLeases(now - LATE_CLOSE_MS);
    });
    await this.scheduleExpiry();
  }

  /** Tells the dashboard spend moved, at most once a second: a busy ledger closes many leases a second. */
  private announceSpend(): void {
    const now = Date.now();
    if (now - this.lastAnnounced < 1_000) return;
    this.lastAnnounced = now;
    this.ctx.waitUntil(
      this.env.EVENTS.getByName('dashboard')
        .publish({ type: 'budget.spend', at: now })
        .catch(() => 0),
    );
  }

  private giveBack(returning: LeaseReturn): void {
    const lease = this.store.lease(returning.leaseId);
    if (!lease || returning.unusedMicros <= 0) return;
    const unused = Math.min(returning.unusedMicros, lease.held_micros);
    const delta = lease.status === 'open' ? { reserved: -unused } : { spent: -unused };
    this.forEachWindow(lease, (key, scope) => this.store.adjust(key, scope, delta));
    this.store.updateLease(lease.id, { held_micros: lease.held_micros - unused });
  }

  private alertsFor(lease: LeaseRow): BudgetAlert[] {
    return evaluateAlerts(this.store, JSON.parse(lease.scopes) as string[], lease, this.settings.p1DailyMicros);
  }

  private forEachWindow(
    lease: Pick<LeaseRow, 'scopes' | 'day_key' | 'month_key'>,
    apply: (key: string, scope: string) => void,
  ) {
    for (const scope of JSON.parse(lease.scopes) as string[]) {
      apply(lease.day_key, scope);
      apply(lease.month_key, scope);
    }
  }

  private async scheduleExpiry(): Promise<void> {
    const next = this.store.nextExpiry();
    if (next === null) return;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next) await this.ctx.storage.setAlarm(next);
  }
}
