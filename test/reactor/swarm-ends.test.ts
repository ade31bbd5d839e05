import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { SwarmStore } from '../../durable-objects/swarm-store';
import type { JobReport } from '../../src/reactor/swarm-types';
import { uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { runView, waitForRun } from '../helpers/runs';
import { chargeRun, crashedRun, ledgerCost, runLedgerMicros, waitForIndex } from '../helpers/swarm-storage';

const itemsFor = (label: string, count: number) => {
  const marker = uniqueMarker(label);
  return { marker, items: Array.from({ length: count }, (_, n) => `${marker}:${n}:`) };
};
const succeeded = async (marker: string) =>
  (await upstreamRequests(marker)).filter((entry) => entry.status === 200).length;
const past = () => Date.now() - 1;

describe('happy', () => {
  it('re-sends jobs whose messages were lost; the run ends done with exact counts, cost and index', async () => {
    const { marker, items } = itemsFor('lost', 30);
    // The process died with the first 10 jobs on the queue (the in-flight limit) and 20 pending.
    const runId = await crashedRun({ items, sent: 10, dueAt: past() });
    expect(await runView(runId)).toMatchObject({ status: 'running', running: 10, queued: 20, done: 0 });

    expect(await runDurableObjectAlarm(env.SWARM_RUNS.getByName(runId))).toBe(true);
    const run = await waitForRun(runId);
    expect(run).toMatchObject({ status: 'done', total: 30, done: 30, failed: 0, running: 0, queued: 0 });
    expect(run.results).toEqual(expect.arrayContaining([{ value: expect.any(String) }]));
    expect(run.results).toHaveLength(30);
    // Each job ran once, and the run's cost is what the ledger recorded for it.
    expect(await succeeded(marker)).toBe(30);
    expect(run.costMicros).toBeGreaterThan(0);
    expect(await ledgerCost(runId, run.costMicros)).toBe(run.costMicros);
    expect(await waitForIndex(runId, { status: 'done', done: 30, failed: 0, costMicros: run.costMicros })).toEqual({
      status: 'done',
      done: 30,
      failed: 0,
      costMicros: run.costMicros,
    });
  }, 90_000);

  it('asks again for a reduce step whose message was lost', async () => {
    const { items } = itemsFor('reduce', 2);
    const runId = await crashedRun({ items, sent: 2, dueAt: Date.now() + 3_600_000 });
    const stub = env.SWARM_RUNS.getByName(runId);
    // Both jobs reported; the message asking for the reduce step died with the process.
    await runInDurableObject(stub, (_instance, state) => {
      const store = new SwarmStore(state.storage.sql);
      store.apply(
        [0, 1].map((job) => ({
          job,
          execution: `e-${job}`,
          costMicros: 100,
          outcome: { ok: true, result: { value: `${job}` } },
        })),
        0,
      );
      store.startReducing(past());
    });
    await chargeRun(runId, 200);
    expect(await runView(runId)).toMatchObject({ status: 'reducing', done: 2, running: 0 });

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const run = await waitForRun(runId);
    expect(run).toMatchObject({ status: 'done', done: 2, costMicros: 200, results: [{ value: '0' }, { value: '1' }] });
    expect(await waitForIndex(runId, { status: 'done', done: 2, failed: 0, costMicros: 200 })).toMatchObject({
      status: 'done',
      costMicros: 200,
    });
  }, 60_000);

  it('counts in its cost a paid attempt whose report a crash lost, as the ledger does', async () => {
    const { items } = itemsFor('lost-report', 3);
    const runId = await crashedRun({ items, sent: 3, dueAt: past() });
    // Job 0's first consumer was paid for its call, then died before it reported; it is re-sent.
    await chargeRun(runId, 4_321);
    expect(await runDurableObjectAlarm(env.SWARM_RUNS.getByName(runId))).toBe(true);
    const run = await waitForRun(runId);
    expect(run).toMatchObject({ status: 'done', done: 3 });
    const reported = await runInDurableObject(env.SWARM_RUNS.getByName(runId), (_instance, state) =>
      new SwarmStore(state.storage.sql).progress(),
    );
    expect(run.costMicros).toBe(await runLedgerMicros(runId));
    expect(run.costMicros).toBe((reported?.costMicros ?? 0) + 4_321);
    expect(await waitForIndex(runId, { status: 'done', done: 3, failed: 0, costMicros: run.costMicros })).toMatchObject(
      {
        costMicros: run.costMicros,
      },
    );
  }, 60_000);

  it('does not re-send a job that was delivered and is being worked on', async () => {
    const { marker, items } = itemsFor('delivered', 100);
    const runId = await crashedRun({ items, sent: 100, dueAt: past() });
    const stub = env.SWARM_RUNS.getByName(runId);
    // A consumer takes a whole batch (100 jobs) as they become overdue: their time starts again.
    // The task definition is too deep for RPC typing; the jobs are what matters here.
    const claimed = (await stub.claim(items.map((_, job) => job))) as { jobs: unknown[] } | null;
    expect(claimed?.jobs).toHaveLength(100);

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    await runInDurableObject(stub, (_instance, state) => {
      const rows = state.storage.sql
        .exec<{ sends: number; due_at: number }>("select sends, due_at from jobs where status = 'sent'")
        .toArray();
      expect(rows).toHaveLength(100);
      expect(rows.every((row) => row.sends === 1 && row.due_at > Date.now())).toBe(true);
    });
    expect(await upstreamRequests(marker)).toEqual([]);
  });
});

describe('errors', () => {
  it('fails a job sent the most times allowed and never heard from, and the run still ends', async () => {
    const { marker, items } = itemsFor('given-up', 4);
    // Jobs 0 and 1 had been sent 3 times (the default limit); 2 and 3 once.
    const runId = await crashedRun({ items, sent: 4, dueAt: past(), sends: { 0: 3, 1: 3 } });

    expect(await runDurableObjectAlarm(env.SWARM_RUNS.getByName(runId))).toBe(true);
    const run = await waitForRun(runId);
    expect(run).toMatchObject({ status: 'done', done: 2, failed: 2, running: 0 });
    expect(run.failures).toEqual([
      { job: 0, error: expect.stringContaining('no report after 3 sends') },
      { job: 1, error: expect.stringContaining('no report after 3 sends') },
    ]);
    const calls = await upstreamRequests(marker);
    expect(calls.filter((entry) => entry.excerpt.includes(`${marker}:0:`))).toEqual([]);
    expect(await succeeded(marker)).toBe(2);
  }, 60_000);

  it('counts a late report once: a repeat adds nothing, another execution adds only its spend', async () => {
    const { items } = itemsFor('late', 2);
    const runId = await crashedRun({ items, sent: 2, dueAt: past() });
    const stub = env.SWARM_RUNS.getByName(runId);
    await runDurableObjectAlarm(stub);
    const run = await waitForRun(runId);
    expect(run).toMatchObject({ status: 'done', done: 2 });

    // The first sends did run after all (their calls are in the ledger), and report now, one twice.
    await chargeRun(runId, 1_000);
    const late: JobReport = { job: 0, execution: 'first-send-0', costMicros: 700, outcome: { ok: true, result: {} } };
    const lateFailure: JobReport = {
      job: 1,
      execution: 'first-send-1',
      costMicros: 300,
      outcome: { ok: false, error: 'late failure', final: true },
    };
    expect(await stub.report([late])).toEqual({ finished: false });
    await stub.report([late, lateFailure]);
    await stub.report([lateFailure]);
    const after = await runView(runId);
    expect(after).toMatchObject({ status: 'done', done: 2, failed: 0, costMicros: run.costMicros + 1_000 });
    expect(after.results).toEqual(run.results);
  }, 60_000);
});
