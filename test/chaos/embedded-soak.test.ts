import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drifts, research, tally } from './harness/client.ts';
import { sleep } from './harness/processes.ts';
import { bootScenario, type Scenario, showLogOnFailure } from './harness/scenario.ts';

let scenario: Scenario;
beforeAll(async () => {
  // Nothing configured: PGlite, the in-memory Redis bridge and the fake LLM, as a first `npm start`.
  scenario = await bootScenario({ embedded: true });
}, 240_000);
afterAll(() => scenario?.destroy(), 60_000);

interface ActionView {
  id: string;
  status: string;
}

describe('embedded soak', () => {
  it('a swarm, agent questions and dozens of gateway calls at once all end, with no 5xx', async () => {
    showLogOnFailure(scenario);
    const mark = scenario.client.mark();
    const { client } = scenario;
    const competitors = Array.from({ length: 60 }, (_, i) => `Rival ${i}`);
    const [run, actions, calls] = await Promise.all([
      client.json<{ runId: string }>('POST', '/api/tasks/competitor_analysis/run', {
        inputs: { market: 'bookkeeping automation', competitors },
      }),
      Promise.all(
        ['What should I price the audit at?', 'Which lead do I call first?', 'Is the newsletter worth it?'].map(
          (input) => client.json<ActionView>('POST', '/api/action', { action: 'ask', input }),
        ),
      ),
      Promise.all(
        Array.from({ length: 40 }, (_, i) => client.request('POST', '/v1/chat/completions', research(`soak ${i}`))),
      ),
    ]);
    expect(tally(calls)).toEqual({ 200: calls.length });

    const ended = await client.waitForRun(run.runId, 120_000);
    expect({ status: ended.status, ended: ended.done + ended.failed }).toEqual({
      status: ended.failed === competitors.length ? 'failed' : 'done',
      ended: competitors.length,
    });

    const finished: ActionView[] = [];
    for (const action of actions) {
      let view = await client.json<ActionView>('GET', `/api/actions/${action.id}`);
      for (let polls = 0; polls < 120 && !['done', 'failed'].includes(view.status); polls++) {
        await sleep(1_000);
        view = await client.json<ActionView>('GET', `/api/actions/${action.id}`);
      }
      finished.push(view);
    }
    expect(finished.map((view) => view.status)).toEqual(actions.map(() => 'done'));

    const health = await client.json<{ checks: { name: string; status: string }[] }>('GET', '/api/health');
    expect(health.checks.find((check) => check.name === 'postgres')?.status).toBe('ok');

    const { reconcile, windows } = await client.settledBooks(120_000);
    expect(windows.filter((window) => window.reserved.usdMicros !== 0)).toEqual([]);
    expect(reconcile.pending.rows).toBe(0);
    expect(drifts(reconcile)).toEqual([]);
    expect(tally(client.serverErrors(mark))).toEqual({});
  }, 420_000);
});
