import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { nextSlot } from '../../src/workflows/schedule';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { createKey, ownerKey } from '../helpers/keys';
import { settleRun } from './helpers';
import { runTickWith } from './inline-runs';

const as = (key: string, init: RequestInit = {}) => ({
  ...init,
  headers: { authorization: `Bearer ${key}`, ...init.headers },
});

describe('happy', () => {
  it.each([
    ['0 6 * * *', Date.UTC(2026, 10, 25, 13, 29), Date.UTC(2026, 10, 26, 6, 0)],
    ['0 */6 * * *', Date.UTC(2026, 10, 25, 13, 29), Date.UTC(2026, 10, 25, 18, 0)],
    ['*/5 * * * *', Date.UTC(2026, 10, 25, 13, 5), Date.UTC(2026, 10, 25, 13, 5)],
    ['*/5 * * * *', Date.UTC(2026, 10, 25, 13, 6), Date.UTC(2026, 10, 25, 13, 10)],
    ['0 10 * * SUN', Date.UTC(2026, 10, 25, 13, 29), Date.UTC(2026, 10, 29, 10, 0)],
    ['30 2 * * *', Date.UTC(2026, 11, 31, 23, 0), Date.UTC(2027, 0, 1, 2, 30)],
  ])('computes the next run of %s', (cron, from, expected) => {
    expect(nextSlot(cron, 'UTC', from)).toBe(expected);
  });

  it('lists the eleven workflows with schedule, last and next run', async () => {
    const response = await workerFetch('/api/workflows', as(await createKey('readonly')));
    const body = (await response.json()) as {
      workflows: { id: string; cron: string; timezone: string; nextRun: string; lastRun: unknown }[];
    };
    expect(body.workflows).toHaveLength(11);
    const health = body.workflows.find((workflow) => workflow.id === 'health_check');
    expect(health).toMatchObject({ cron: '*/5 * * * *', timezone: 'UTC' });
    expect(Date.parse(health?.nextRun ?? '')).toBeGreaterThan(Date.now());
  });

  it('runs a workflow on demand, once per idempotency key, and shows it in the history', async () => {
    const run = () =>
      workerFetch(
        '/api/workflows/health_check/run',
        as(ownerKey, { method: 'POST', headers: { 'idempotency-key': 'manual-check-0001' } }),
      );
    const started = await run();
    expect(started.status).toBe(202);
    const first = (await started.json()) as {
      duplicate: boolean;
      run: { id: string; status: string; trigger: string };
    };
    expect(first).toMatchObject({ duplicate: false, run: { status: 'running', trigger: 'manual' } });
    await settleRun(first.run.id);
    const again = (await (await run()).json()) as { duplicate: boolean; run: { id: string; status: string } };
    expect(again).toMatchObject({ duplicate: true, run: { id: first.run.id, status: 'succeeded' } });
    const history = (await (await workerFetch('/api/workflows/health_check/runs', as(ownerKey))).json()) as {
      runs: { id: string; status: string }[];
    };
    expect(history.runs.find((entry) => entry.id === first.run.id)?.status).toBe('succeeded');
  });

  it('retries a failed run once', async () => {
    const tick = Date.UTC(2026, 10, 20, 9, 5);
    const brokenEnv = {
      ...env,
      BUDGET: { getByName: () => ({ ping: async () => ({ ok: false }) }) },
    } as unknown as Env;
    await runTickWith(brokenEnv, '*/5 * * * *', tick);
    const history = (await (await workerFetch('/api/workflows/health_check/runs', as(ownerKey))).json()) as {
      runs: { id: string; status: string; tick: string | null }[];
    };
    const failed = history.runs.find((entry) => entry.tick === new Date(tick).toISOString());
    expect(failed?.status).toBe('failed');
    const retry = () => workerFetch(`/api/workflows/runs/${failed?.id}/retry`, as(ownerKey, { method: 'POST' }));
    const retrying = await retry();
    expect(retrying.status).toBe(202);
    const retried = (await retrying.json()) as { duplicate: boolean; run: { id: string; trigger: string } };
    expect(retried).toMatchObject({ duplicate: false, run: { trigger: 'retry' } });
    await settleRun(retried.run.id);
    const again = (await (await retry()).json()) as { duplicate: boolean; run: { id: string; status: string } };
    expect(again).toMatchObject({ duplicate: true, run: { id: retried.run.id, status: 'succeeded' } });
  });
});

describe('errors', () => {
  it('answers unknown workflows and runs, and a retry of a run that did not fail', async () => {
    expect((await workerFetch('/api/workflows/nope/run', as(ownerKey, { method: 'POST' }))).status).toBe(404);
    expect(
      (await workerFetch(`/api/workflows/runs/${crypto.randomUUID()}/retry`, as(ownerKey, { method: 'POST' }))).status,
    ).toBe(404);
    const ok = (await (
      await workerFetch('/api/workflows/health_check/run', as(ownerKey, { method: 'POST' }))
    ).json()) as { run: { id: string } };
    await settleRun(ok.run.id);
    const response = await workerFetch(`/api/workflows/runs/${ok.run.id}/retry`, as(ownerKey, { method: 'POST' }));
    expect(response.status).toBe(409);
    expect(((await response.json()) as ErrorShape).error.code).toBe('conflict');
  });
});

describe('security', () => {
  it('lets a readonly key read but not run', async () => {
    const key = await createKey('readonly');
    expect((await workerFetch('/api/workflows/health_check/run', as(key, { method: 'POST' }))).status).toBe(403);
    expect((await workerFetch('/api/workflows/health_check/run', { method: 'POST' })).status).toBe(401);
  });
});
