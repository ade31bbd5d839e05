import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { LeaseGate, LeasePool } from '../../src/budget/lease-gate';
import type { Scope } from '../../src/budget/scopes';
import type { DrawRequest, DrawResult, LedgerClient } from '../../src/budget/types';
import { ledgerRow } from '../helpers/ledger-row';

const COST = 100;

/**
 * The real BudgetLedger object, with each draw's answer held back until the test lets it through,
 * so the test sees whether a reservation waited on the ledger.
 */
function heldLedger(name: string, { hold = true } = {}) {
  const stub = env.BUDGET.getByName(name);
  const draws: { request: DrawRequest; release: () => void; settled: Promise<DrawResult> }[] = [];
  const background: Promise<unknown>[] = [];
  const client: LedgerClient = {
    draw: (request) => {
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const settled = gate.then(async (): Promise<DrawResult> => await stub.draw(request));
      draws.push({ request, release, settled });
      if (!hold) release();
      return settled;
    },
    close: (close) => stub.close(close),
  };
  const gate = new LeaseGate(new LeasePool(), {
    ledger: client,
    background: (work) => background.push(work),
    onAlerts: () => {},
    idleCloseMs: 20,
  });
  const globalDay = async () => {
    const snapshot = await stub.snapshot();
    return snapshot.usage.find((row) => row.scope.kind === 'global' && row.window === 'day');
  };
  return { stub, draws, background, gate, globalDay };
}

const scopes = { client: 'lease-test' };

/** Resolves to 'waiting' when the reservation is still pending after the event loop has turned. */
async function stateOf(promise: Promise<unknown>): Promise<'done' | 'waiting'> {
  const marker = Symbol('waiting');
  const winner = await Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(marker), 5))]);
  return winner === marker ? 'waiting' : 'done';
}

describe('happy', () => {
  it('draws the next lease ahead, so the call that empties a lease does not wait on the ledger', async () => {
    const { draws, gate } = heldLedger('refill-ahead');
    const first = gate.reserve(scopes, COST);
    expect(await stateOf(first)).toBe('waiting');
    draws[0]?.release();
    const reserved = await first;
    if (!reserved.ok) throw new Error('refused');
    reserved.reservation.settle(COST);

    // The first lease holds 32 calls' worth; calls past the refill point start the next draw.
    let served = 1;
    while (draws.length === 1) {
      const next = await gate.reserve(scopes, COST);
      if (!next.ok) throw new Error('refused');
      next.reservation.settle(COST);
      served += 1;
    }
    expect(served).toBeLessThan(32);
    // The ledger has not answered the refill yet; the old lease keeps serving meanwhile.
    const meanwhile = gate.reserve(scopes, COST);
    expect(await stateOf(meanwhile)).toBe('done');
    draws[1]?.release();
    await draws[1]?.settled;

    // Past the first lease's 32 calls, the drawn-ahead lease takes over with no further draw.
    for (let call = served + 1; call <= 40; call += 1) {
      const next = gate.reserve(scopes, COST);
      expect(await stateOf(next)).toBe('done');
      const result = await next;
      if (!result.ok) throw new Error('refused');
      result.reservation.settle(COST);
    }
    expect(draws).toHaveLength(2);
    const held = await meanwhile;
    if (held.ok) held.reservation.settle(COST);
  });

  it('closes both the idle lease and the one drawn ahead, leaving nothing reserved', async () => {
    const { stub, draws, background, gate, globalDay } = heldLedger('refill-idle', { hold: false });
    let spent = 0;
    const rows = [];
    for (let call = 0; call < 30; call += 1) {
      const result = await gate.reserve(scopes, COST);
      if (!result.ok) throw new Error('refused');
      result.reservation.settle(COST - 10);
      rows.push(ledgerRow(result.reservation.leaseId, COST - 10));
      spent += COST - 10;
    }
    expect(draws.length).toBe(2);
    await Promise.all(draws.map((draw) => draw.settled));
    // The idle watch closes the active lease after 20 ms and the unused one with it.
    for (let settled = 0; settled < background.length; settled = background.length) {
      await Promise.all(background.slice(settled));
    }
    // The calls' rows arrive after the closes, as they may: their share stays reserved until then.
    await stub.record(rows);
    const day = await globalDay();
    expect(day?.reservedMicros).toBe(0);
    expect(day?.spentMicros).toBe(spent);
  });
});

describe('errors', () => {
  it('a refused refill leaves the active lease serving and the refusal to the call that needs it', async () => {
    const { stub, gate } = heldLedger('refill-refused', { hold: false });
    const agentScope: Scope = { kind: 'agent', id: 'capped' };
    // Room for the first lease (a quarter of the room, at least one call) and little more.
    await stub.setCap(agentScope, 'day', 4 * COST * 10);
    let accepted = 0;
    let refused = 0;
    for (let call = 0; call < 60; call += 1) {
      const result = await gate.reserve({ agent: 'capped' }, COST);
      if (result.ok) {
        accepted += 1;
        result.reservation.settle(COST);
      } else {
        refused += 1;
        expect(result.refusal.scope).toMatchObject({ kind: 'agent', id: 'capped' });
      }
    }
    expect(accepted).toBeLessThanOrEqual(40);
    expect(accepted + refused).toBe(60);
    expect(refused).toBeGreaterThan(0);
  });

  it('refuses a burst past a cap with one draw: the calls waiting on it get its refusal at once', async () => {
    const { stub, draws, gate } = heldLedger('burst-refused');
    await stub.setCap({ kind: 'agent', id: 'burst' }, 'day', COST - 1);
    const results = Array.from({ length: 20 }, () => gate.reserve({ agent: 'burst' }, COST));
    // One draw is in flight and the other nineteen calls wait on it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(draws).toHaveLength(1);
    draws[0]?.release();
    const answers = await Promise.all(results);
    expect(answers.every((answer) => !answer.ok)).toBe(true);
    expect(draws).toHaveLength(1);
    // A smaller call may still fit, so it is not answered by the remembered refusal.
    const small = gate.reserve({ agent: 'burst' }, COST - 10);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(draws).toHaveLength(2);
    draws[1]?.release();
    expect((await small).ok).toBe(true);
  });
});
