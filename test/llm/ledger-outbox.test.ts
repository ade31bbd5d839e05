import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LedgerEntry } from '../../src/llm/ledger';
import { LedgerOutbox, LedgerQueue, type LedgerStore } from '../../src/llm/ledger-outbox';
import { ledgerRow } from '../helpers/ledger-row';

/** A ledger object whose answers the test hands out one store at a time. */
function heldStore() {
  const batches: string[][] = [];
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const store: LedgerStore = {
    record: (entries: LedgerEntry[]) => {
      batches.push(entries.map((entry) => entry.callId));
      return new Promise((resolve, reject) => {
        pending.push({ resolve: () => resolve({ alerts: [] }), reject });
      });
    },
  };
  const next = () => {
    const held = pending.shift();
    if (!held) throw new Error('no store in flight');
    return held;
  };
  return { store, batches, next };
}

function outboxOn(queue: LedgerQueue, store: LedgerStore, errors: unknown[] = [], lingerMs?: number) {
  return new LedgerOutbox({
    store: () => store,
    background: () => {},
    onAlerts: () => {},
    onError: (error) => errors.push(error),
    queue,
    lingerMs,
  });
}

const settledYet = async (promise: Promise<void>) => {
  let settled = false;
  void promise.then(() => {
    settled = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 5));
  return settled;
};

afterEach(() => {
  vi.useRealTimers();
});

describe('happy', () => {
  it('stores at once, answers after the acknowledgement, and batches what arrives meanwhile', async () => {
    const queue = new LedgerQueue();
    const { store, batches, next } = heldStore();
    const first = ledgerRow('lease', 10);
    const stored = outboxOn(queue, store).record(first);
    expect(batches).toEqual([[first.callId]]);

    // Two other requests record while the first store is in flight: they wait for the next one.
    const second = ledgerRow('lease', 20);
    const third = ledgerRow('lease', 30);
    const others = [outboxOn(queue, store).record(second), outboxOn(queue, store).record(third)];
    expect(await settledYet(stored)).toBe(false);

    next().resolve();
    await stored;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(batches).toEqual([[first.callId], [second.callId, third.callId]]);
    expect(await settledYet(others[0] as Promise<void>)).toBe(false);

    next().resolve();
    await Promise.all(others);
  });

  it('with a linger, stores the rows of calls that end together in one round trip', async () => {
    const queue = new LedgerQueue();
    const { store, batches, next } = heldStore();
    const outbox = outboxOn(queue, store, [], 20);
    const rows = [ledgerRow('lease', 10), ledgerRow('lease', 20), ledgerRow('lease', 30)];
    const stored = rows.map((row) => outbox.record(row));
    expect(batches).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(batches).toEqual([rows.map((row) => row.callId)]);
    expect(await settledYet(Promise.all(stored).then(() => undefined))).toBe(false);
    next().resolve();
    await Promise.all(stored);
  });
});

describe('errors', () => {
  it('answers once the retries are spent and keeps the rows for the next store', async () => {
    vi.useFakeTimers();
    const queue = new LedgerQueue();
    const { store, batches, next } = heldStore();
    const errors: unknown[] = [];
    const lost = ledgerRow('lease', 10);
    const stored = outboxOn(queue, store, errors).record(lost);
    for (let attempt = 0; attempt < 6; attempt += 1) {
      next().reject(new Error('ledger unreachable'));
      await vi.advanceTimersByTimeAsync(10_000);
    }
    await stored;
    expect(errors).toHaveLength(1);
    expect(batches).toHaveLength(6);

    const later = ledgerRow('lease', 20);
    const laterStored = outboxOn(queue, store).record(later);
    expect(batches.at(-1)).toEqual([lost.callId, later.callId]);
    next().resolve();
    await laterStored;
  });
});
