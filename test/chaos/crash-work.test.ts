import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drifts, research, tally, until } from './harness/client.ts';
import { bootScenario, type Scenario, showLogOnFailure } from './harness/scenario.ts';

// One crash cuts two kinds of unfinished work: a workflow run inside a step (its LLM call held by
// the fake upstream) and a gateway call deferred by a budget cap. Only D1 remembers either: the
// queue message and the request that ran the step die with the process.

let scenario: Scenario;
beforeAll(async () => {
  scenario = await bootScenario({
    // A run silent this long is interrupted. The kill lands a moment after the step starts, well
    // inside it, so the sweep ticker of the first start cannot take the live run over.
    vars: { WORKFLOW_STALE_AFTER_MS: '10000', WORKFLOW_MAX_RESUMES: '1' },
  });
}, 240_000);
afterAll(() => scenario?.destroy(), 60_000);

const OWNER_SCOPE = 'client:dev-owner';
// Text only the weekly review's write-up request carries, and only the deferred call carries.
const REVIEW_TEXT = 'weekly review of the business';
const DEFERRED_TEXT = 'deferred across a crash';
const RUN_KEY = 'crash-work-weekly-review';

interface Step {
  name: string;
  status: string;
}
interface WorkflowRun {
  id: string;
  status: string;
  resumes: number;
  steps: Step[] | null;
}
interface RunAnswer {
  duplicate: boolean;
  run: WorkflowRun | null;
}
interface Deferral {
  id: string;
  status: string;
  attempts: number;
  notBefore: string;
  result: unknown;
  error: string | null;
}
interface FakeRequest {
  messages: { role: string; text: string }[];
}

const reviewRuns = async () =>
  (await scenario.client.json<{ runs: WorkflowRun[] }>('GET', '/api/workflows/weekly_review/runs')).runs;
const deferral = (id: string) => scenario.client.json<Deferral>('GET', `/api/deferrals/${id}`);
const setOwnerCap = (amount: number) =>
  scenario.client.json('PUT', '/api/budget', {
    caps: [{ scope: OWNER_SCOPE, window: 'day', amount, currency: 'USD' }],
  });

/** Requests the current start's fake upstream received whose messages hold `text`. */
async function upstreamSaw(text: string): Promise<number> {
  const response = await fetch(`${await scenario.stack.fakeLlmUrl()}/__fake/requests`);
  const requests = (await response.json()) as FakeRequest[];
  return requests.filter((request) => request.messages.some((message) => message.text.includes(text))).length;
}

let deferralId = '';
let cutRun: WorkflowRun | undefined;

describe('crash during work', () => {
  it('a workflow run killed inside a step is resumed by the sweep after a restart, and its key answers with it', async () => {
    showLogOnFailure(scenario);
    const { client, stack } = scenario;
    const mark = client.mark();

    // The deferral: a cap below one call's estimate refuses the owner's gateway call outright.
    await setOwnerCap(0.0001);
    const refused = await client.request('POST', '/v1/chat/completions', research(`${DEFERRED_TEXT}: say hi`));
    expect(refused.status).toBe(402);
    deferralId = (JSON.parse(refused.body) as { error: { details: { deferralId: string } } }).error.details.deferralId;
    expect((await deferral(deferralId)).status).toBe('waiting');

    // The workflow: its write-up step's LLM call hangs at the fake upstream until the stack dies.
    const fault = await fetch(`${await stack.fakeLlmUrl()}/__fake/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contains: REVIEW_TEXT, status: 200, delayMs: 600_000, times: 0 }),
    });
    expect(fault.status).toBe(201);
    // The run is a Workflow instance; the request answers once it is started.
    const started = await client.request('POST', '/api/workflows/weekly_review/run', undefined, {
      'idempotency-key': RUN_KEY,
    });
    expect(started.status).toBe(202);
    const inStep = await until(
      async () => ({ run: (await reviewRuns())[0], upstream: await upstreamSaw(REVIEW_TEXT) }),
      ({ run, upstream }) =>
        upstream > 0 && run?.steps?.some((step) => step.name === 'write-up' && step.status === 'running') === true,
      60_000,
    );
    await stack.kill();
    expect(inStep.upstream).toBe(1);
    expect(inStep.run?.status).toBe('running');
    expect(inStep.run?.steps?.map((step) => `${step.name} ${step.status}`)).toEqual([
      'kpis succeeded',
      'write-up running',
    ]);
    cutRun = inStep.run;

    await stack.start();
    // After a restart the run is still `running`: the local Workflows engine does not resume an
    // instance the dev server was running when it died.
    const stale = await until(reviewRuns, (runs) => runs[0]?.status === 'running', 10_000);
    expect(stale.map((run) => run.id)).toEqual([cutRun?.id]);
    // Once it has been silent past WORKFLOW_STALE_AFTER_MS, the sweep takes it over (the sweep
    // ticker of `npm start` may take it first; either way it is carried on exactly once).
    const ended = await until(
      async () => {
        await client.json('POST', '/api/sweep');
        return (await reviewRuns())[0];
      },
      (run) => run?.status !== 'running',
      60_000,
    );
    expect({ id: ended?.id, status: ended?.status, resumes: ended?.resumes }).toEqual({
      id: cutRun?.id,
      status: 'succeeded',
      resumes: 1,
    });
    expect(ended?.steps?.map((step) => `${step.name} ${step.status}`)).toEqual([
      'kpis succeeded',
      'write-up succeeded',
      'send succeeded',
    ]);
    expect(await upstreamSaw(REVIEW_TEXT)).toBe(1);

    // The key the run was started with answers with that run, ended, and runs nothing again.
    const again = await client.json<RunAnswer>('POST', '/api/workflows/weekly_review/run', undefined, {
      'idempotency-key': RUN_KEY,
    });
    expect({ duplicate: again.duplicate, id: again.run?.id, status: again.run?.status }).toEqual({
      duplicate: true,
      id: cutRun?.id,
      status: 'succeeded',
    });
    expect((await reviewRuns()).length).toBe(1);
    expect(tally(client.serverErrors(mark))).toEqual({});
  }, 240_000);

  it('a deferral waiting across the crash is still waiting after a restart, and a sweep does not run it over its cap', async () => {
    showLogOnFailure(scenario);
    const { client } = scenario;
    const mark = client.mark();
    expect(deferralId).not.toBe('');
    // The crash took its queue message; the row in D1 is what is left of it.
    const kept = await deferral(deferralId);
    expect({ status: kept.status, attempts: kept.attempts }).toEqual({ status: 'waiting', attempts: 0 });

    const swept = await client.json<{ deferrals: { woken: number } }>('POST', '/api/sweep');
    expect(swept.deferrals.woken).toBe(0);
    const after = await deferral(deferralId);
    expect({ status: after.status, attempts: after.attempts }).toEqual({ status: 'waiting', attempts: 0 });
    expect(await upstreamSaw(DEFERRED_TEXT)).toBe(0);
    expect(tally(client.serverErrors(mark))).toEqual({});
  }, 60_000);

  it('a deferral waiting across the crash runs exactly once when its cap is raised', async () => {
    showLogOnFailure(scenario);
    const { client } = scenario;
    const mark = client.mark();
    expect(deferralId).not.toBe('');
    await setOwnerCap(10);
    const ran = await until(
      async () => {
        await client.json('POST', '/api/sweep');
        return deferral(deferralId);
      },
      (row) => row.status !== 'waiting' && row.status !== 'running',
      30_000,
    );
    expect({ status: ran.status, attempts: ran.attempts, error: ran.error }, `deferral ${JSON.stringify(ran)}`).toEqual(
      { status: 'done', attempts: 1, error: null },
    );
    expect(ran.result).toBeTruthy();

    // Later sweeps find nothing left to wake: the upstream saw the call once.
    const later = await client.json<{ deferrals: { woken: number } }>('POST', '/api/sweep');
    expect(later.deferrals.woken).toBe(0);
    expect(await upstreamSaw(DEFERRED_TEXT)).toBe(1);
    expect(tally(client.serverErrors(mark))).toEqual({});
  }, 120_000);

  it('the books balance after both', async () => {
    showLogOnFailure(scenario);
    const { client } = scenario;
    // The write-up's lease, cut by the crash, expires (BUDGET_LEASE_TTL_SECONDS) and is written off.
    const { reconcile, windows } = await client.settledBooks(90_000);
    expect(windows.filter((window) => window.reserved.usdMicros !== 0)).toEqual([]);
    expect(reconcile.pending.rows).toBe(0);
    expect(drifts(reconcile)).toEqual([]);
    expect(tally(client.serverErrors())).toEqual({});
  }, 120_000);
});
