import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../src/db/d1-schema';
import { pause } from '../../src/lib/pause';
import { findRun } from '../../src/workflows/run-history';
import type { WorkflowStep } from '../../src/workflows/types';
import { startWithServices } from '../../workers/workflow-runner';
import {
  counter,
  countingStep,
  crashedRun,
  doneStep,
  MINUTE,
  runningStep,
  runRecord,
  sweepTick,
  workflow,
} from './crash-helpers';
import { installWorkflows, ownerMessages, retryToEnd, runnerScope, settleRuns } from './helpers';

const stepsOf = (run: { steps: string | null } | null): StepRecord[] => JSON.parse(run?.steps ?? '[]') as StepRecord[];

function threeSteps(id: string) {
  const calls = { collect: counter(), publish: counter(), announce: counter() };
  const flow = workflow(id, [
    countingStep('collect', calls.collect),
    countingStep('publish', calls.publish),
    countingStep('announce', calls.announce),
  ]);
  const runs = () => [calls.collect.n, calls.publish.n, calls.announce.n];
  return { flow, calls, runs };
}

/** A run of `id` cut off in its second step 20 minutes ago, its first step done. */
async function cutOffInPublish(id: string, resumes = 0) {
  const at = Date.now() - 20 * MINUTE;
  const collected = doneStep('collect', { rows: 3 }, at - 2_000);
  const runId = await crashedRun({
    workflow: id,
    lastProgressAt: at,
    steps: [collected, runningStep('publish', at)],
    resumes,
  });
  return { runId, collected, at };
}

describe('happy', () => {
  it('carries a run a crash left running on from its unfinished step, not repeating the step that ended', async () => {
    const { flow, calls, runs } = threeSteps('test_cut_off');
    const { runId, collected } = await cutOffInPublish(flow.id);

    await sweepTick([flow]);

    expect(runs()).toEqual([0, 1, 1]);
    // The step that ended before the crash hands on the output it recorded then.
    expect(calls.publish.handed).toEqual([{ collect: { rows: 3 } }]);
    const run = await runRecord(runId);
    expect(run).toMatchObject({ status: 'succeeded', resumes: 1, error: null });
    expect(run?.ended_at).toBeGreaterThan(0);
    expect(stepsOf(run)[0]).toEqual(collected);
    expect(stepsOf(run).map((step) => [step.name, step.status, step.attempts])).toEqual([
      ['collect', 'succeeded', 1],
      ['publish', 'succeeded', 1],
      ['announce', 'succeeded', 1],
    ]);

    await sweepTick([flow]);
    expect(runs()).toEqual([0, 1, 1]);
  });

  it('leaves a running run alone while its heartbeat is within the deadline', async () => {
    const { flow, runs } = threeSteps('test_busy');
    const at = Date.now() - 14 * MINUTE;
    const runId = await crashedRun({
      workflow: flow.id,
      lastProgressAt: at,
      steps: [doneStep('collect', { rows: 1 }, at - 1_000), runningStep('publish', at)],
    });

    await sweepTick([flow]);

    expect(runs()).toEqual([0, 0, 0]);
    expect(await runRecord(runId)).toMatchObject({ status: 'running', resumes: 0, updated_at: at });
  });

  it('fails a run interrupted again after its resume, alerts the owner, and a retry carries on from the cut-off step', async () => {
    const { flow, runs } = threeSteps('test_cut_twice');
    const { runId, at } = await cutOffInPublish(flow.id, 1);

    await sweepTick([flow]);

    expect(runs()).toEqual([0, 0, 0]);
    const failed = await runRecord(runId);
    expect(failed).toMatchObject({ status: 'failed', failed_step: 'publish', resumes: 1 });
    expect(failed?.error).toContain(`run interrupted: no progress since ${new Date(at).toISOString()} in step publish`);
    expect(stepsOf(failed)[1]).toMatchObject({ name: 'publish', status: 'failed' });
    const alerts = await ownerMessages(runId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('failed at step "publish"');
    expect(alerts[0]).toContain(`/api/workflows/runs/${runId}/retry`);

    const scope = runnerScope();
    const row = await findRun(scope.services.d1, runId);
    if (!row) throw new Error('run not found');
    expect(await retryToEnd(scope, row, [flow])).toMatchObject({ status: 'started' });
    expect(runs()).toEqual([0, 1, 1]);
    await scope.services.dispose();
  });
});

describe('errors', () => {
  it('carries an interrupted run on once when two sweeps find it together', async () => {
    const { flow, runs } = threeSteps('test_two_sweeps');
    const { runId } = await cutOffInPublish(flow.id);

    await Promise.all([sweepTick([flow]), sweepTick([flow])]);

    expect(runs()).toEqual([0, 1, 1]);
    expect(await runRecord(runId)).toMatchObject({ status: 'succeeded', resumes: 1 });
  });

  it('stops a runner taken for dead from writing once its run was taken over', async () => {
    // Plain flags, each side polling with its own timers: the test and the Workflow instance run
    // in different request contexts, and a promise settled across them does not wake the other.
    const hold = { released: false };
    const slow = { n: 0 };
    const after = counter();
    const slowStep: WorkflowStep = {
      name: 'slow',
      async run() {
        slow.n += 1;
        const mine = slow.n;
        while (mine === 1 && !hold.released) await pause(10);
        return { output: { by: mine } };
      },
    };
    const flow = workflow('test_fenced', [slowStep, countingStep('after', after)]);
    const scope = runnerScope();
    installWorkflows([flow]);
    const since = Date.now();
    await startWithServices(scope, flow, {
      trigger: 'manual',
      cron: null,
      tick: Date.now(),
      idempotencyKey: 'manual:test_fenced:fence-0001',
    });
    while (slow.n === 0) await pause(10);
    // Its heartbeat goes quiet, as when the isolate running it is gone.
    await env.DB.prepare('update workflow_runs set updated_at = ? where workflow = ?')
      .bind(Date.now() - 20 * MINUTE, flow.id)
      .run();

    await sweepTick([flow]);
    // The first runner wakes after the run was taken over and run again: its writes miss.
    hold.released = true;
    await settleRuns(since);
    // Its write, had it landed, would have shown `by: 1`.
    await pause(100);

    expect([slow.n, after.n]).toEqual([2, 1]);
    const [run] = (
      await env.DB.prepare('select * from workflow_runs where workflow = ?').bind(flow.id).all<{
        status: string;
        resumes: number;
        steps: string;
      }>()
    ).results;
    expect(run).toMatchObject({ status: 'succeeded', resumes: 1 });
    expect(stepsOf(run ?? null)[0]).toMatchObject({ name: 'slow', status: 'succeeded', output: { by: 2 } });
    await scope.services.dispose();
  });
});
