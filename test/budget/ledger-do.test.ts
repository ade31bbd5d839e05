import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Scope } from '../../src/budget/scopes';
import { ledgerRow as row } from '../helpers/ledger-row';

const ledger = (name: string) => env.BUDGET.getByName(name);
const agent = (id: string): Scope => ({ kind: 'agent', id });
const global: Scope = { kind: 'global', id: '*' };

/** A call as a holder makes it: a lease, the call's row, and the close. */
async function spend(name: string, scopes: Scope[], micros: number, at = Date.now()) {
  const drawn = await ledger(name).draw({ scopes, wantMicros: micros, minMicros: micros, at });
  if (!drawn.ok) return drawn;
  const recorded = await ledger(name).record([row(drawn.lease.leaseId, micros, at)]);
  await ledger(name).close({ leaseId: drawn.lease.leaseId, spentMicros: micros, calls: 1 });
  return { ...drawn, alerts: recorded.alerts };
}

describe('happy', () => {
  it('seeds the global caps from config in USD micros', async () => {
    const snapshot = await ledger('seed').snapshot();
    const day = snapshot.usage.find((row) => row.scope.kind === 'global' && row.window === 'day');
    // 100 EUR at 0.92 EUR per USD.
    expect(day?.capMicros).toBe(Math.floor((100 / 0.92) * 1_000_000));
  });

  it('grants at most a quarter of the room left, and never less than the call needs', async () => {
    const name = 'quarter';
    await ledger(name).setCap(agent('a'), 'day', 1_000);
    const first = await ledger(name).draw({
      scopes: [global, agent('a')],
      wantMicros: 10_000,
      minMicros: 10,
      at: Date.now(),
    });
    expect(first).toMatchObject({ ok: true, lease: { grantedMicros: 250 } });
    const second = await ledger(name).draw({
      scopes: [global, agent('a')],
      wantMicros: 10_000,
      minMicros: 600,
      at: Date.now(),
    });
    expect(second).toMatchObject({ ok: true, lease: { grantedMicros: 600 } });
    const third = await ledger(name).draw({
      scopes: [global, agent('a')],
      wantMicros: 100,
      minMicros: 200,
      at: Date.now(),
    });
    expect(third.ok).toBe(false);
  });

  it('settles a lease to what was used and gives the rest back', async () => {
    const name = 'settle';
    await ledger(name).setCap(agent('b'), 'day', 10_000);
    const drawn = await ledger(name).draw({
      scopes: [global, agent('b')],
      wantMicros: 2_000,
      minMicros: 100,
      at: Date.now(),
    });
    if (!drawn.ok) throw new Error('refused');
    const held = (await ledger(name).snapshot()).usage.find((row) => row.scope.id === 'b' && row.window === 'day');
    expect(held).toMatchObject({ reservedMicros: 2_000, spentMicros: 0 });
    const rows = [row(drawn.lease.leaseId, 100), row(drawn.lease.leaseId, 100), row(drawn.lease.leaseId, 121)];
    // A row sent twice is charged once, in the same batch or a later one.
    expect((await ledger(name).record([...rows, rows[1] as (typeof rows)[number]])).stored).toBe(3);
    expect((await ledger(name).record(rows.slice(0, 1))).stored).toBe(0);
    await ledger(name).close({ leaseId: drawn.lease.leaseId, spentMicros: 321, calls: 3 });
    await ledger(name).close({ leaseId: drawn.lease.leaseId, spentMicros: 321, calls: 3 });
    const after = (await ledger(name).snapshot()).usage.find((row) => row.scope.id === 'b' && row.window === 'day');
    expect(after).toMatchObject({ reservedMicros: 0, spentMicros: 321, calls: 3 });
  });
});

describe('errors', () => {
  it('names the binding cap and a retry time in the next window when spend fills it', async () => {
    const name = 'refusal';
    await ledger(name).setCap(agent('c'), 'day', 1_000);
    const at = Date.UTC(2026, 10, 25, 15, 0);
    await spend(name, [global, agent('c')], 900, at);
    const refused = await ledger(name).draw({ scopes: [global, agent('c')], wantMicros: 200, minMicros: 200, at });
    expect(refused).toEqual({
      ok: false,
      refusal: {
        scope: agent('c'),
        window: 'day',
        capMicros: 1_000,
        spentMicros: 900,
        reservedMicros: 0,
        requestedMicros: 200,
        retryAt: Date.UTC(2026, 10, 26),
      },
    });
  });

  it('rolls the day window over at UTC midnight and the month at month end', async () => {
    const name = 'rollover';
    await ledger(name).setCap(agent('d'), 'day', 1_000);
    await ledger(name).setCap(agent('d'), 'month', 1_500);
    const lastSecond = Date.UTC(2026, 10, 30, 23, 59, 59);
    expect((await spend(name, [global, agent('d')], 1_000, lastSecond)).ok).toBe(true);
    expect((await spend(name, [global, agent('d')], 1, lastSecond)).ok).toBe(false);
    const refusedInDay = await ledger(name).draw({ scopes: [agent('d')], wantMicros: 1, minMicros: 1, at: lastSecond });
    expect(refusedInDay.ok ? undefined : refusedInDay.refusal.retryAt).toBe(Date.UTC(2026, 11, 1));
    // December 1st: both the day and the month start over.
    const nextMonth = Date.UTC(2026, 11, 1, 0, 0, 0);
    expect((await spend(name, [global, agent('d')], 1_000, nextMonth)).ok).toBe(true);
    // Within November the month cap still binds on another day.
    const sameMonth = Date.UTC(2026, 10, 29, 12, 0, 0);
    const monthRefusal = await ledger(name).draw({
      scopes: [agent('d')],
      wantMicros: 600,
      minMicros: 600,
      at: sameMonth,
    });
    expect(monthRefusal.ok ? undefined : monthRefusal.refusal.window).toBe('month');
  });

  it('counts a lease that is never closed as spent once it expires, and corrects it later', async () => {
    const name = 'expiry';
    await ledger(name).setCap(agent('e'), 'day', 10_000);
    const drawn = await ledger(name).draw({
      scopes: [agent('e')],
      wantMicros: 4_000,
      minMicros: 4_000,
      at: Date.now(),
    });
    if (!drawn.ok) throw new Error('refused');
    const { runDurableObjectAlarm, runInDurableObject } = await import('cloudflare:test');
    await runInDurableObject(ledger(name), (_instance, state) => {
      state.storage.sql.exec('update leases set expires_at = ?', Date.now() - 1);
    });
    await runDurableObjectAlarm(ledger(name));
    const expired = (await ledger(name).snapshot()).usage.find((row) => row.scope.id === 'e' && row.window === 'day');
    expect(expired).toMatchObject({ spentMicros: 4_000, reservedMicros: 0 });
    // The holder was slow, not lost: its rows and its close still arrive, and correct the charge.
    await ledger(name).record([row(drawn.lease.leaseId, 1_000), row(drawn.lease.leaseId, 500)]);
    await ledger(name).close({ leaseId: drawn.lease.leaseId, spentMicros: 1_500, calls: 2 });
    const corrected = (await ledger(name).snapshot()).usage.find((row) => row.scope.id === 'e' && row.window === 'day');
    expect(corrected).toMatchObject({ spentMicros: 1_500, reservedMicros: 0, calls: 2 });
  });

  it('keeps no row for a closed lease, and drops an expired one once no close can come', async () => {
    const name = 'lease-rows';
    const { runDurableObjectAlarm, runInDurableObject } = await import('cloudflare:test');
    const leaseRows = () =>
      runInDurableObject(ledger(name), (_instance, state) =>
        state.storage.sql.exec<{ id: string; status: string }>('select id, status from leases').toArray(),
      );
    for (let call = 0; call < 5; call += 1) await spend(name, [agent('r')], 10);
    expect(await leaseRows()).toEqual([]);

    const kept = await ledger(name).draw({ scopes: [agent('r')], wantMicros: 10, minMicros: 10, at: Date.now() });
    const dropped = await ledger(name).draw({ scopes: [agent('r')], wantMicros: 10, minMicros: 10, at: Date.now() });
    if (!kept.ok || !dropped.ok) throw new Error('refused');
    await runInDurableObject(ledger(name), (_instance, state) => {
      state.storage.sql.exec('update leases set expires_at = ? where id = ?', Date.now() - 1, kept.lease.leaseId);
      state.storage.sql.exec(
        'update leases set expires_at = ? where id = ?',
        Date.now() - 2 * 86_400_000,
        dropped.lease.leaseId,
      );
    });
    await runDurableObjectAlarm(ledger(name));
    expect(await leaseRows()).toEqual([{ id: kept.lease.leaseId, status: 'expired' }]);
    // Both were counted as spent in full; the late row and close of the kept one still correct it.
    await ledger(name).record([row(kept.lease.leaseId, 4)]);
    await ledger(name).close({ leaseId: kept.lease.leaseId, spentMicros: 4, calls: 1 });
    const day = (await ledger(name).snapshot()).usage.find((row) => row.scope.id === 'r' && row.window === 'day');
    expect(day).toMatchObject({ spentMicros: 5 * 10 + 4 + 10, reservedMicros: 0, calls: 6 });
    // Kept until no late row can come, then dropped with the other.
    expect(await leaseRows()).toEqual([{ id: kept.lease.leaseId, status: 'expired' }]);
  });

  it('fires each threshold once per window, and the P1 line on global daily spend', async () => {
    const name = 'alerts';
    await ledger(name).setCap(agent('f'), 'day', 1_000);
    const at = Date.UTC(2026, 10, 25, 12);
    const thresholds = async (micros: number) =>
      ((await spend(name, [agent('f')], micros, at)) as { alerts?: { threshold: unknown }[] }).alerts?.map(
        (a) => a.threshold,
      );
    expect(await thresholds(500)).toEqual([50]);
    expect(await thresholds(10)).toEqual([]);
    expect(await thresholds(300)).toEqual([80]);
    expect(await thresholds(190)).toEqual([100]);
    const p1 = Math.floor((50 / 0.92) * 1_000_000);
    const fired = ((await spend(name, [global], p1 + 1, at)) as { alerts: { threshold: unknown }[] }).alerts.map(
      (a) => a.threshold,
    );
    expect(fired).toEqual([50, 'p1']);
    expect((await spend(name, [global], 1, at)).ok).toBe(true);
    const stored = (await ledger(name).snapshot()).alerts.map((alert) => `${alert.scope.kind}:${alert.threshold}`);
    expect(stored.sort()).toEqual(['agent:100', 'agent:50', 'agent:80', 'global:50', 'global:p1']);
  });

  it('fires the thresholds a lowered cap puts behind the spend on the next row, once', async () => {
    const name = 'alerts-lowered';
    await ledger(name).setCap(agent('g'), 'day', 10_000);
    const at = Date.UTC(2026, 10, 26, 12);
    const thresholds = async (micros: number) =>
      ((await spend(name, [agent('g')], micros, at)) as { alerts?: { threshold: unknown }[] }).alerts?.map(
        (a) => a.threshold,
      );
    expect(await thresholds(5_000)).toEqual([50]);
    expect(await thresholds(1)).toEqual([]);
    await ledger(name).setCap(agent('g'), 'day', 5_500);
    expect(await thresholds(1)).toEqual([80]);
    await ledger(name).setCap(agent('g'), 'day', 50_000);
    await ledger(name).setCap(agent('g'), 'day', 5_003);
    expect(await thresholds(1)).toEqual([100]);
    const stored = (await ledger(name).snapshot()).alerts.map((alert) => alert.threshold);
    expect(stored.sort()).toEqual([100, 50, 80]);
  });
});
