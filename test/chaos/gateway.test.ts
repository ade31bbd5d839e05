import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drifts, research, tally } from './harness/client.ts';
import { bootScenario, type Scenario, showLogOnFailure } from './harness/scenario.ts';
import { sendSecretTraffic } from './harness/secret-traffic.ts';
import { leaksIn } from './harness/secrets.ts';

let scenario: Scenario;
beforeAll(async () => {
  // Every secret set to a distinctive value: the last test greps this whole run's output for them.
  scenario = await bootScenario({ secrets: true });
}, 240_000);
afterAll(() => scenario?.destroy(), 60_000);

describe('streams', () => {
  it('plain, streamed and client-cancelled gateway calls leave nothing reserved and the books balance', async () => {
    showLogOnFailure(scenario);
    const mark = scenario.client.mark();
    const { client } = scenario;
    const plain = await Promise.all(
      Array.from({ length: 6 }, (_, i) => client.request('POST', '/v1/chat/completions', research(`plain ${i}`))),
    );
    expect(plain.map((answer) => answer.status)).toEqual(plain.map(() => 200));

    const streamed = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const response = await client.send('POST', '/v1/chat/completions', {
          ...research(`stream ${i}`),
          stream: true,
        });
        return { status: response.status, text: await response.text() };
      }),
    );
    for (const stream of streamed) {
      expect(stream.status).toBe(200);
      expect(stream.text).toContain('data: [DONE]');
    }

    const cancelled = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const abort = new AbortController();
        const body = { ...research(`cancel ${i} ${'long answer please '.repeat(20)}`), stream: true, max_tokens: 4000 };
        const response = await client.send('POST', '/v1/chat/completions', body, {}, abort.signal);
        const reader = response.body?.getReader();
        const first = await reader?.read();
        abort.abort();
        await reader?.cancel().catch(() => {});
        return { status: response.status, firstChunk: Boolean(first?.value?.length) };
      }),
    );
    for (const cancel of cancelled) expect(cancel).toEqual({ status: 200, firstChunk: true });

    const { reconcile, windows } = await client.settledBooks(90_000);
    expect(windows.filter((window) => window.reserved.usdMicros !== 0)).toEqual([]);
    expect(reconcile.pending.rows).toBe(0);
    expect(drifts(reconcile)).toEqual([]);
    expect(windows.find((window) => window.scope === 'global:*')?.spent.usdMicros).toBeGreaterThan(0);
    expect(tally(client.serverErrors(mark))).toEqual({});
  }, 180_000);
});

type Global = { spent: { usdMicros: number }; calls: number };
async function globalDay(): Promise<Global> {
  const windows = (await scenario.client.budgetWindows()) as unknown as (Global & { scope: string; window: string })[];
  return (
    windows.find((window) => window.scope === 'global:*' && window.window === 'day') ?? {
      spent: { usdMicros: 0 },
      calls: 0,
    }
  );
}

describe('idempotency', () => {
  it('the same paid POST twice with one Idempotency-Key: one answer, one charge', async () => {
    showLogOnFailure(scenario);
    const mark = scenario.client.mark();
    const { client } = scenario;
    await client.settledBooks(90_000);
    const before = await globalDay();
    const headers = { 'idempotency-key': `chaos-${crypto.randomUUID()}` };
    const body = research('idempotent question');
    const first = await client.send('POST', '/v1/chat/completions', body, headers);
    const firstBody = await first.text();
    const second = await client.send('POST', '/v1/chat/completions', body, headers);
    const secondBody = await second.text();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(secondBody).toBe(firstBody);

    // Two at once with a fresh key: one runs, the other waits its turn (409) or replays it.
    const racedHeaders = { 'idempotency-key': `chaos-${crypto.randomUUID()}` };
    const raced = await Promise.all(
      [0, 1].map(async () => {
        const response = await client.send('POST', '/v1/chat/completions', research('raced question'), racedHeaders);
        return { status: response.status, body: await response.text() };
      }),
    );
    const ran = raced.filter((answer) => answer.status === 200);
    expect(ran.length).toBeGreaterThan(0);
    expect(raced.filter((answer) => answer.status !== 200).map((answer) => answer.status)).toEqual(
      raced.filter((answer) => answer.status !== 200).map(() => 409),
    );
    expect(new Set(ran.map((answer) => answer.body)).size).toBe(1);

    const run = { inputs: { market: 'x', competitors: ['Alpha', 'Beta'] } };
    const runHeaders = { 'idempotency-key': `chaos-${crypto.randomUUID()}` };
    const runs = [
      await client.json<{ runId: string }>('POST', '/api/tasks/competitor_analysis/run', run, runHeaders),
      await client.json<{ runId: string }>('POST', '/api/tasks/competitor_analysis/run', run, runHeaders),
    ];
    expect(runs[1]?.runId).toBe(runs[0]?.runId);
    const ended = await client.waitForRun(runs[0]?.runId ?? '', 120_000);
    expect(ended.done + ended.failed).toBe(2);

    const { reconcile } = await client.settledBooks(90_000);
    expect(reconcile.pending.rows).toBe(0);
    expect(drifts(reconcile)).toEqual([]);
    // One charge per key: the two chat calls and the one run's calls (its jobs may use tools, so a
    // job can be several model turns), nothing for the replays.
    const windows = (await scenario.client.budgetWindows()) as unknown as (Global & {
      scope: string;
      window: string;
    })[];
    const runCalls = windows.find(
      (window) => window.scope === `run:${runs[0]?.runId}` && window.window === 'day',
    )?.calls;
    expect(runCalls).toBeGreaterThanOrEqual(2);
    const after = await globalDay();
    expect(after.calls - before.calls).toBe(2 + (runCalls ?? 0));
    expect(tally(client.serverErrors(mark))).toEqual({});
  }, 300_000);
});

describe('secrets in logs', () => {
  it("no configured secret is in the app's log lines, wrangler's output or wrangler's log files", async () => {
    showLogOnFailure(scenario);
    const setup = scenario.secrets;
    if (!setup) throw new Error('the scenario was booted without secrets');
    const statuses = await sendSecretTraffic(scenario, setup);
    expect(statuses).toEqual({
      'gumroad ping': 200,
      'gumroad ping for another seller': 403,
      'telegram /status': 200,
      'telegram with a wrong secret': 401,
      'metrics with the scrape token': 200,
      'metrics with the token in the query': 401,
      'api with a wrong key': 401,
      'api with the key in the query': 401,
      'chat completion': 200,
      'chat completion the providers refuse': 502,
    });
    // The bot token went out in the Bot API's URL path, as Telegram takes it.
    expect(setup.telegram.calls().map((call) => call.token)).toContain(setup.vars.TELEGRAM_BOT_TOKEN);

    // stack.log (dev.ts, wrangler and the app's lines, as a terminal shows them) and wrangler's files.
    const outputs = await scenario.stack.outputs();
    expect(outputs.map((output) => output.name)).toContain('stack.log');
    expect(outputs.length).toBeGreaterThan(1);
    expect(leaksIn(outputs, setup.secrets)).toEqual([]);
    const printed = stripVTControlCharacters(outputs.find((output) => output.name === 'stack.log')?.text ?? '');
    // The app's own lines still reach the terminal (the refused ping's access-log line, the failed
    // reply's error), and the dev server's request log, which prints each path as it came, does not.
    expect(printed).toContain('"path":"/webhooks/gumroad/[redacted]"');
    expect(printed).toContain('"message":"telegram reply failed"');
    expect(printed).not.toMatch(/\[wrangler[\w-]*:info\] [A-Z]+ \//);
  }, 120_000);
});
