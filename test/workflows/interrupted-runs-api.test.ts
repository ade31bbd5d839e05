import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../src/db/d1-schema';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { createKey, ownerKey } from '../helpers/keys';
import { crashedRun, doneStep, MINUTE, runningStep } from './crash-helpers';
import { settleRun } from './helpers';

const as = (key: string, init: RequestInit = {}) => ({
  ...init,
  headers: { authorization: `Bearer ${key}`, ...init.headers },
});

interface RunBody {
  duplicate: boolean;
  resumed: boolean;
  run: { id: string; status: string; resumes: number; trigger: string; steps: StepRecord[] };
}

/** A health check cut off in its `signals` step, its `checks` recorded with a marker no real check gives. */
async function cutOffHealthCheck(lastProgressAt: number, key?: string) {
  const checks = doneStep(
    'checks',
    { status: 'ok', checks: [{ name: 'recorded-before-the-crash', status: 'ok' }] },
    lastProgressAt - 1_000,
  );
  const runId = await crashedRun({
    workflow: 'health_check',
    lastProgressAt,
    steps: [checks, runningStep('signals', lastProgressAt)],
    key,
  });
  return { runId, checks };
}

/** The run as the API shows it once its Workflow instance has ended it. */
async function endedRun(runId: string): Promise<Pick<RunBody, 'run'>> {
  await settleRun(runId);
  const history = (await (await workerFetch('/api/workflows/health_check/runs?limit=100', as(ownerKey))).json()) as {
    runs: RunBody['run'][];
  };
  const run = history.runs.find((entry) => entry.id === runId);
  if (!run) throw new Error(`run ${runId} not in the history`);
  return { run };
}

describe('happy', () => {
  it('retries a run a crash left running: carried on in place from its unfinished step', async () => {
    const { runId, checks } = await cutOffHealthCheck(Date.now() - 30 * MINUTE);
    const response = await workerFetch(`/api/workflows/runs/${runId}/retry`, as(ownerKey, { method: 'POST' }));
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ duplicate: false, resumed: true, run: { id: runId, resumes: 1 } });
    const body = await endedRun(runId);
    expect(body.run).toMatchObject({ id: runId, status: 'succeeded', resumes: 1 });
    expect(body.run.steps[0]).toEqual(checks);
    expect(body.run.steps.map((step) => [step.name, step.status])).toEqual([
      ['checks', 'succeeded'],
      ['signals', 'succeeded'],
      ['remediate', 'succeeded'],
      ['books', 'succeeded'],
      ['report', 'succeeded'],
      ['replay', 'succeeded'],
      ['prune', 'succeeded'],
    ]);
  });

  it('answers an idempotency key whose run was cut off with that run carried on to its end', async () => {
    const key = 'stuck-run-key-0001';
    const { runId } = await cutOffHealthCheck(Date.now() - 30 * MINUTE, `manual:health_check:${key}`);
    const run = () =>
      workerFetch(
        '/api/workflows/health_check/run',
        as(ownerKey, { method: 'POST', headers: { 'idempotency-key': key } }),
      );
    const first = (await (await run()).json()) as RunBody;
    expect(first).toMatchObject({ resumed: true, run: { id: runId, trigger: 'manual' } });
    await settleRun(runId);
    const again = (await (await run()).json()) as RunBody;
    expect(again).toMatchObject({ duplicate: true, resumed: false, run: { id: runId, status: 'succeeded' } });
  });

  it('lists the sweep with its schedule beside the workflows, and runs it on demand', async () => {
    const listed = (await (await workerFetch('/api/workflows', as(ownerKey))).json()) as {
      workflows: unknown[];
      sweep: { cron: string; nextRun: string; staleAfterMs: number; maxResumes: number };
    };
    expect(listed.workflows).toHaveLength(11);
    expect(listed.sweep).toMatchObject({ cron: '*/5 * * * *', staleAfterMs: 15 * MINUTE, maxResumes: 1 });
    expect(Date.parse(listed.sweep.nextRun) - Date.now()).toBeLessThanOrEqual(5 * MINUTE);

    const { runId } = await cutOffHealthCheck(Date.now() - 30 * MINUTE);
    const swept = await workerFetch('/api/sweep', as(ownerKey, { method: 'POST' }));
    expect(swept.status).toBe(200);
    expect(((await swept.json()) as { runs: unknown[] }).runs).toContainEqual({
      runId,
      workflow: 'health_check',
      action: 'resumed',
    });
    expect((await endedRun(runId)).run.status).toBe('succeeded');
  });
});

describe('errors', () => {
  it('refuses to retry a run that is still making progress', async () => {
    const { runId } = await cutOffHealthCheck(Date.now() - MINUTE);
    const response = await workerFetch(`/api/workflows/runs/${runId}/retry`, as(ownerKey, { method: 'POST' }));
    expect(response.status).toBe(409);
    const { error } = (await response.json()) as ErrorShape;
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('still making progress');
  });
});

describe('security', () => {
  it('lets only owners and operators run the sweep', async () => {
    expect((await workerFetch('/api/sweep', as(await createKey('readonly'), { method: 'POST' }))).status).toBe(403);
    expect((await workerFetch('/api/sweep', { method: 'POST' })).status).toBe(401);
    expect((await workerFetch('/api/sweep', as(await createKey('operator'), { method: 'POST' }))).status).toBe(200);
  });
});
