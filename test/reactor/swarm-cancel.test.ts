import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { updateRunIndex } from '../../src/reactor/run-index';
import type { RunProgress } from '../../src/reactor/swarm-types';
import { workerFetch } from '../helpers/fetch';
import { uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { type RunView, runView } from '../helpers/runs';
import { chargeRun, crashedRun, indexRow, waitForIndex, withPostgres } from '../helpers/swarm-storage';

async function cancel(runId: string): Promise<RunView> {
  const response = await workerFetch(`/api/runs/${runId}/cancel`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerKey}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as RunView;
}

const tenItems = (marker: string) => Array.from({ length: 10 }, (_, n) => `${marker}:${n}:`);

describe('happy', () => {
  it('ends jobs in flight too: a cancelled run has no job left running, and the index says so', async () => {
    const marker = uniqueMarker('cancel-sent');
    const runId = await crashedRun({ items: tenItems(marker), sent: 4, dueAt: Date.now() - 1 });
    expect(await runView(runId)).toMatchObject({ status: 'running', running: 4, queued: 6 });

    expect(await cancel(runId)).toMatchObject({ status: 'cancelled', running: 0, queued: 0, cancelled: 10 });
    expect(await waitForIndex(runId, { status: 'cancelled', done: 0, failed: 0, costMicros: 0 })).toEqual({
      status: 'cancelled',
      done: 0,
      failed: 0,
      costMicros: 0,
    });
    // Nothing is left for the alarm to re-send, overdue as those jobs were.
    await runDurableObjectAlarm(env.SWARM_RUNS.getByName(runId));
    expect(await runView(runId)).toMatchObject({ status: 'cancelled', running: 0, cancelled: 10 });
    expect(await upstreamRequests(marker)).toEqual([]);
  }, 60_000);

  it('takes a late report after a cancel for its spend, without reviving the run', async () => {
    const marker = uniqueMarker('cancel-late');
    const runId = await crashedRun({ items: tenItems(marker), sent: 4, dueAt: Date.now() + 3_600_000 });
    await cancel(runId);
    const stub = env.SWARM_RUNS.getByName(runId);
    const late = {
      job: 0,
      execution: 'ran-before-cancel',
      costMicros: 250,
      outcome: { ok: true as const, result: {} },
    };
    await chargeRun(runId, 250);
    expect(await stub.report([late])).toEqual({ finished: false });
    await stub.report([late]);
    expect(await runView(runId)).toMatchObject({ status: 'cancelled', done: 0, running: 0, costMicros: 250 });
    // The index follows the spend (at its bounded rate).
    expect(await waitForIndex(runId, { status: 'cancelled', done: 0, failed: 0, costMicros: 250 })).toMatchObject({
      costMicros: 250,
    });
  }, 60_000);
});

describe('errors', () => {
  it('keeps the run index from going back when older figures arrive late', async () => {
    const runId = await crashedRun({ items: ['a'], sent: 1, dueAt: Date.now() + 3_600_000 });
    const figures = (status: RunProgress['status'], done: number, costMicros: number): RunProgress => ({
      runId,
      task: 'swarm_echo',
      status,
      total: 1,
      queued: 0,
      running: 1 - done,
      done,
      failed: 0,
      cancelled: 0,
      costMicros,
      maxInFlight: 10,
      createdAt: Date.now(),
      endedAt: status === 'done' ? Date.now() : null,
      error: null,
    });
    await withPostgres(async (db) => {
      await updateRunIndex(db, figures('done', 1, 900));
      await updateRunIndex(db, figures('running', 0, 400));
      await updateRunIndex(db, figures('reducing', 1, 900));
    });
    expect(await indexRow(runId)).toEqual({ status: 'done', done: 1, failed: 0, costMicros: 900 });
  });
});
