import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, drifts, research, tally } from './harness/client.ts';
import { sleep } from './harness/processes.ts';
import { bootScenario, type Scenario, showLogOnFailure } from './harness/scenario.ts';

let scenario: Scenario;
beforeAll(async () => {
  scenario = await bootScenario();
}, 240_000);
afterAll(() => scenario?.destroy(), 60_000);

/** Gateway calls, `parallel` at a time, until `until` resolves. */
async function trafficUntil(until: Promise<unknown>, parallel: number, label: string): Promise<Answer[]> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const answers: Answer[] = [];
  await Promise.all(
    Array.from({ length: parallel }, async (_, lane) => {
      for (let i = 0; !done; i++) {
        answers.push(await scenario.client.request('POST', '/v1/chat/completions', research(`${label} ${lane}.${i}`)));
        // A steady trickle, well under the rate limit: the scenario is about outages, not limits.
        await sleep(200);
      }
    }),
  );
  return answers;
}

describe('outages', () => {
  it('Postgres down: the gateway keeps answering, and every ledger row arrives after it is back', async () => {
    showLogOnFailure(scenario);
    const mark = scenario.client.mark();
    const { client, postgres } = scenario;
    if (!postgres) throw new Error('this scenario needs its own Postgres');
    const before = await trafficUntil(sleep(1_500), 2, 'before');

    await postgres.stop();
    // Longer than the first steps of the forwarder's backoff, so its retries meet a dead database.
    const during = await trafficUntil(sleep(20_000), 2, 'during');
    const healthDuring = await client.request('GET', '/api/health');

    await postgres.start();
    const after = await trafficUntil(sleep(1_500), 2, 'after');

    const calls = [...before, ...during, ...after];
    expect(during.length).toBeGreaterThan(0);
    expect(tally(calls)).toEqual({ 200: calls.length });
    expect(healthDuring.status).toBe(200);

    const { reconcile, windows } = await client.settledBooks(150_000);
    expect(windows.filter((window) => window.reserved.usdMicros !== 0)).toEqual([]);
    expect(reconcile.pending.rows).toBe(0);
    expect(drifts(reconcile)).toEqual([]);
    // Nothing lost: every answered call has its ledger row in Postgres.
    const inLedger = new Set(await postgres.query('select distinct request_id from spend_ledger'));
    expect(calls.filter((answer) => !inLedger.has(answer.requestId ?? '')).map((answer) => answer.requestId)).toEqual(
      [],
    );
    expect(tally(client.serverErrors(mark))).toEqual({});
  }, 240_000);

  it('Postgres down: the budget view still answers, without a 5xx', async () => {
    showLogOnFailure(scenario);
    const mark = scenario.client.mark();
    const { client, postgres } = scenario;
    if (!postgres) throw new Error('this scenario needs its own Postgres');
    await postgres.stop();
    // Caps, spend and reservations live in the ledger object; only the per-model breakdown is in Postgres.
    const budget = await client.request('GET', '/api/budget').finally(() => postgres.start());
    expect(tally([budget])).toEqual({ 200: 1 });
    expect(tally(client.serverErrors(mark))).toEqual({});
  }, 60_000);

  it('Redis killed during gateway traffic: calls keep answering without a 5xx', async () => {
    showLogOnFailure(scenario);
    const mark = scenario.client.mark();
    const { client, redis } = scenario;
    if (!redis) throw new Error('this scenario needs its own Redis');
    const killed = sleep(1_500).then(() => redis.kill());
    const calls = await trafficUntil(
      killed.then(() => sleep(5_000)),
      3,
      'redis',
    );
    const afterKill = await trafficUntil(sleep(2_000), 2, 'no-redis');
    expect(afterKill.length).toBeGreaterThan(0);
    expect(tally([...calls, ...afterKill])).toEqual({ 200: calls.length + afterKill.length });
    expect(tally(client.serverErrors(mark))).toEqual({});
  }, 120_000);
});
