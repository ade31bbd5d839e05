import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/postgres';
import worker from '../../workers/index';
import { postAction } from '../helpers/actions';
import { addFault, uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { putTask, type RunView, runView, startTask, waitForRun } from '../helpers/runs';
import { crashedRun } from '../helpers/swarm-storage';

const probeTask = (name: string, maxInFlight: number) => `name: ${name}
description: Echo each item back as JSON, for swarm tests.
agent: numbers
model_class: research
inputs:
  items: { type: list, items: { type: string }, max: 5000 }
prompts:
  system: Return the item.
steps:
  - name: echo
    prompt: "Item {{item}}"
    max_tokens: 64
output:
  schema: { type: object, fields: { value: { type: string } } }
  example: { value: ok }
fanout: { over: items, max: 5000 }
reduce: { kind: concat }
budget: { max_run_usd: 5 }
max_in_flight: ${maxInFlight}
`;

async function ledgerSum(runId: string): Promise<{ calls: number; cost: number }> {
  const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
  try {
    const result = await postgres.pool.query(
      "select count(*)::int as calls, coalesce(sum(cost_micros), 0)::bigint as cost from spend_ledger where scope_run = $1 and status = 'ok'",
      [runId],
    );
    const row = result.rows[0] as { calls: number; cost: string };
    return { calls: row.calls, cost: Number(row.cost) };
  } finally {
    await postgres.close();
  }
}

beforeAll(async () => {
  expect((await putTask('swarm_probe', probeTask('swarm_probe', 100))).status).toBe(200);
  expect((await putTask('swarm_probe_slow', probeTask('swarm_probe_slow', 5))).status).toBe(200);
  expect((await putTask('swarm_probe_wide', probeTask('swarm_probe_wide', 300))).status).toBe(200);
});

describe('happy', () => {
  it('fans 1,000 jobs out with 5% failing: done + failed = total, no job twice, cost equal to the ledger', async () => {
    const marker = uniqueMarker('fan');
    const items = Array.from({ length: 1_000 }, (_, n) => `${marker}:${n}:`);
    const failing = items.filter((_, n) => n % 20 === 7);
    await Promise.all(failing.map((item) => addFault({ contains: item, status: 400, times: 20 })));
    const started = await startTask('swarm_probe', { inputs: { items } });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    let peak = 0;
    const run = await waitForRun(runId, 150_000, (view: RunView) => {
      peak = Math.max(peak, view.running);
    });
    expect(run).toMatchObject({ status: 'done', total: 1_000, done: 950, failed: 50, queued: 0, running: 0 });
    expect(run.done + run.failed).toBe(run.total);
    expect(peak).toBeLessThanOrEqual(100);
    expect(run.results).toHaveLength(950);
    // Each failed job went through its retries to the dead-letter queue, which recorded it and
    // marked it failed in its run with the error of its last try.
    const dead = await env.DB.prepare("select reason from dead_letters where kind = 'swarm.job' and body like ?")
      .bind(`%${runId}%`)
      .all<{ reason: string }>();
    expect(dead.results).toHaveLength(50);
    expect(run.failures[0]?.error).toContain('rejected the request');

    // Each succeeded job made exactly one successful model call.
    const ok = (await upstreamRequests(marker)).filter((entry) => entry.status === 200);
    expect(ok).toHaveLength(950);

    let ledger = await ledgerSum(runId);
    for (let wait = 0; wait < 60 && ledger.cost !== run.costMicros; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      ledger = await ledgerSum(runId);
    }
    expect(ledger).toEqual({ calls: 950, cost: run.costMicros });

    // A redelivered message for a finished job neither runs nor counts again.
    const batch = createMessageBatch('empire-jobs', [
      { id: 'again', timestamp: new Date(), attempts: 1, body: { kind: 'swarm.job', runId, job: 0 } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['again']);
    expect((await upstreamRequests(marker)).filter((entry) => entry.status === 200)).toHaveLength(950);
    expect(await runView(runId)).toMatchObject({ done: 950, failed: 50, costMicros: run.costMicros });
  }, 180_000);

  it('hands out more than 100 jobs at once when the task allows it', async () => {
    const marker = uniqueMarker('wide');
    const items = Array.from({ length: 250 }, (_, n) => `${marker}:${n}:`);
    const started = await startTask('swarm_probe_wide', { inputs: { items } });
    expect(started.status).toBe(202);
    expect(((await started.json()) as { running: number }).running).toBe(250);
    const { runId } = (await (
      await startTask('swarm_probe_wide', { inputs: { items: items.slice(0, 1) } })
    ).json()) as { runId: string };
    expect(await waitForRun(runId)).toMatchObject({ status: 'done', done: 1 });
  }, 60_000);

  it('stops starting jobs once a run is cancelled', async () => {
    const marker = uniqueMarker('cancel');
    const items = Array.from({ length: 300 }, (_, n) => `${marker}:${n}:`);
    const { runId } = (await (await startTask('swarm_probe_slow', { inputs: { items } })).json()) as { runId: string };
    const cancelled = await fetchCancel(runId);
    expect(cancelled.status).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const calls = (await upstreamRequests(marker)).length;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await upstreamRequests(marker)).length).toBe(calls);
    const view = await runView(runId);
    expect(view.status).toBe('cancelled');
    expect(view.cancelled).toBeGreaterThanOrEqual(290);
    expect(calls).toBeLessThanOrEqual(5);
  }, 30_000);
});

describe('paused agents', () => {
  it("stops a paused agent's run at its next job, without a model call", async () => {
    const marker = uniqueMarker('paused-run');
    const runId = await crashedRun({
      items: Array.from({ length: 10 }, (_, n) => `${marker}:${n}:`),
      sent: 3,
      dueAt: Date.now() + 3_600_000,
    });
    await whileNumbersPaused(async () => {
      const result = await deliverJobs(runId, [0, 1, 2]);
      expect(result.explicitAcks).toHaveLength(3);
      expect(await runView(runId)).toMatchObject({ status: 'cancelled', done: 0, running: 0, cancelled: 10 });
    });
    expect(await upstreamRequests(marker)).toEqual([]);
  }, 60_000);

  it('refuses to start a task whose agent is paused, naming the agent', async () => {
    await whileNumbersPaused(async () => {
      const response = await startTask('lead_research', { inputs: {} });
      expect(response.status).toBe(409);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('conflict');
      expect(body.error.message).toMatch(/runs as numbers, which is paused; resume numbers first/);
    });
  });
});

/** Pauses the echo task's agent for the length of `work`. */
async function whileNumbersPaused(work: () => Promise<void>) {
  expect((await postAction({ action: 'pause', agent: 'numbers' })).status).toBe(200);
  try {
    await work();
  } finally {
    await postAction({ action: 'resume', agent: 'numbers' });
  }
}

async function deliverJobs(runId: string, jobs: number[]) {
  const batch = createMessageBatch(
    'empire-jobs',
    jobs.map((job) => ({
      id: `m-${crypto.randomUUID()}`,
      timestamp: new Date(),
      attempts: 1,
      body: { kind: 'swarm.job', runId, job },
    })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

async function fetchCancel(runId: string): Promise<RunView> {
  const { workerFetch } = await import('../helpers/fetch');
  const response = await workerFetch(`/api/runs/${runId}/cancel`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerKey}` },
  });
  return (await response.json()) as RunView;
}
