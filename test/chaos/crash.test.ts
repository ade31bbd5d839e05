import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drifts, tally } from './harness/client.ts';
import { bootScenario, type Scenario, showLogOnFailure } from './harness/scenario.ts';

let scenario: Scenario;
beforeAll(async () => {
  scenario = await bootScenario();
}, 240_000);
afterAll(() => scenario?.destroy(), 60_000);

const competitors = Array.from({ length: 200 }, (_, i) => `Competitor ${i}`);

describe('crash', () => {
  it('a swarm cut by SIGKILL of the whole stack ends after a restart, and the books balance', async () => {
    showLogOnFailure(scenario);
    const mark = scenario.client.mark();
    const { client, stack } = scenario;
    const started = await client.json<{ runId: string; total: number }>('POST', '/api/tasks/competitor_analysis/run', {
      inputs: { market: 'automation consulting for small firms', competitors },
    });
    expect(started.total).toBe(competitors.length);

    const atKill = await client.waitForRun(started.runId, 120_000, (view) => view.done + view.failed > 0);
    await stack.kill();
    // The crash must land partway, or this scenario proves nothing.
    expect(atKill.status).toBe('running');
    expect(atKill.done + atKill.failed).toBeLessThan(atKill.total);

    await stack.start();
    const ended = await client.waitForRun(started.runId, 180_000);
    expect({ status: ended.status, queued: ended.queued, running: ended.running }).toEqual({
      status: ended.failed > 0 ? 'failed' : 'done',
      queued: 0,
      running: 0,
    });
    expect(ended.done + ended.failed + ended.cancelled).toBe(ended.total);
    expect(ended.done).toBeGreaterThanOrEqual(atKill.done);

    // Leases cut by the crash expire (BUDGET_LEASE_TTL_SECONDS) and are written off as ledger rows.
    const { reconcile, windows } = await client.settledBooks(120_000);
    expect(windows.filter((window) => window.reserved.usdMicros !== 0)).toEqual([]);
    expect(reconcile.pending.rows).toBe(0);
    expect(drifts(reconcile)).toEqual([]);
    // The run's cost is its ledger: spend of attempts whose report the crash cut off included.
    const runLedger = reconcile.rows.find(
      (row) => row.scope === `run:${started.runId}` && row.windowKey.startsWith('month:'),
    );
    expect(runLedger?.ledgerMicros).toBeGreaterThan(0);
    expect((await client.run(started.runId)).costMicros).toBe(runLedger?.ledgerMicros);
    expect(tally(client.serverErrors(mark))).toEqual({});
  }, 420_000);
});
