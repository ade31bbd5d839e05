import { env } from 'cloudflare:workers';
import { Redis } from '@upstash/redis/cloudflare';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentIds } from '../../src/agents/personas';
import { openPostgres } from '../../src/db/postgres';
import { receivedAlerts } from '../channels/alert-helpers';
import { receivedBy } from '../channels/email-helpers';
import { uniqueMarker } from '../helpers/gateway';
import { ledgerRow } from '../helpers/ledger-row';
import { putTask, runView, startTask } from '../helpers/runs';
import { fireTick, ownerMessages, runsOf, stepsOf } from './helpers';

const HEALTH = '*/5 * * * *';
const label = (tick: number) => `Health check ${new Date(tick).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const withVars = (vars: Record<string, string>) => ({ ...env, ...vars }) as Env;
// Limits no test reaches, so only the signal under test can trip.
const calm = {
  HEALTH_SPEND_PAUSE_PERCENT: '1000',
  HEALTH_LLM_MIN_CALLS: '1000000',
  HEALTH_FAILED_RUNS_MAX: '10000',
  HEALTH_DEAD_LETTERS_MAX: '1000000',
};

const slowTask = `name: health_probe_slow
description: One job at a time, so a run stays running while the health check looks.
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
max_in_flight: 1
`;

const agentStatuses = () =>
  Promise.all(agentIds.map(async (id) => (await env.AGENTS.getByName(id).snapshot(id)).status));

async function lastRun(tick: number) {
  const run = (await runsOf('health_check')).find((row) => row.tick === tick);
  return { run, steps: stepsOf(run) };
}

beforeAll(async () => {
  expect((await putTask('health_probe_slow', slowTask)).status).toBeLessThan(300);
});

afterEach(async () => {
  for (const id of agentIds) await env.AGENTS.getByName(id).setPaused(id, false);
});

describe('happy', () => {
  it('pauses running swarm runs and every agent once spend reaches the daily cap, and says what it did', async () => {
    const items = Array.from({ length: 200 }, (_, n) => `${uniqueMarker('health')}:${n}`);
    const { runId } = (await (await startTask('health_probe_slow', { inputs: { items } })).json()) as { runId: string };
    expect((await runView(runId)).status).toBe('running');
    const ledger = env.BUDGET.getByName('global');
    await ledger.setCap({ kind: 'global', id: '*' }, 'day', 2_000_000);
    const drawn = await ledger.draw({
      scopes: [{ kind: 'global', id: '*' }],
      wantMicros: 2_000_000,
      minMicros: 2_000_000,
      at: Date.now(),
    });
    if (!drawn.ok) throw new Error('the draw was refused');
    // Spend is charged with its ledger row, as the router writes it.
    await ledger.record([ledgerRow(drawn.lease.leaseId, 2_000_000)]);
    await ledger.close({ leaseId: drawn.lease.leaseId, spentMicros: 2_000_000, calls: 1 });

    const tick = Date.UTC(2026, 4, 1, 9, 5);
    await fireTick(HEALTH, tick);
    const { run, steps } = await lastRun(tick);
    expect(run?.status).toBe('succeeded');
    expect(steps.map((step) => step.name)).toEqual([
      'checks',
      'signals',
      'remediate',
      'books',
      'report',
      'replay',
      'prune',
    ]);
    expect((steps[1]?.output as { trips: string[] } | undefined)?.trips).toEqual([
      'LLM spend today is 100% of the daily cap (limit 100%)',
    ]);
    expect((await runView(runId)).status).toBe('cancelled');
    expect(await agentStatuses()).toEqual(agentIds.map(() => 'paused'));
    const [report, ...more] = await ownerMessages(label(tick));
    expect(more).toEqual([]);
    expect(report).toContain('- LLM spend today is 100% of the daily cap (limit 100%)');
    expect(report).toContain(`- cancelled the pending jobs of 1 swarm runs: ${runId}`);
    expect(report).toContain(`- paused agents: ${agentIds.join(', ')}`);
    // The same report, as a page, at the other sinks.
    const [alert, ...others] = await receivedAlerts(label(tick));
    expect(others).toEqual([]);
    expect(alert?.body).toMatchObject({
      kind: 'health',
      severity: 'page',
      title: 'Health thresholds tripped: swarm runs and agents paused',
      text: report,
    });
    const mails = (await receivedBy('alerts@ops.empire.test')).filter((mail) =>
      String(mail.body.text).includes(label(tick)),
    );
    expect(mails.map((mail) => mail.body.subject)).toEqual([
      '[AI Empire] Alert: Health thresholds tripped: swarm runs and agents paused',
    ]);
    await ledger.setCap({ kind: 'global', id: '*' }, 'day', 1_000_000_000);
  }, 30_000);

  it('pauses the agents when the LLM error rate of the last hour trips its limit', async () => {
    const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
    const marker = uniqueMarker('health-errors');
    try {
      for (let n = 0; n < 4; n += 1) {
        await postgres.pool.query(
          "insert into spend_ledger (request_id, provider, model, status) values ($1, 'moonshot', 'moonshot/kimi-k2.5', 'error')",
          [`${marker}-${n}`],
        );
      }
      const tick = Date.UTC(2026, 4, 1, 10, 5);
      await fireTick(HEALTH, tick, {
        env: withVars({ ...calm, HEALTH_LLM_MIN_CALLS: '4', HEALTH_LLM_ERROR_RATE_PERCENT: '1' }),
      });
      const { steps } = await lastRun(tick);
      const { signals, trips } = (steps[1]?.output ?? {}) as { signals: { llm: { errors: number } }; trips: string[] };
      expect(signals.llm.errors).toBeGreaterThanOrEqual(4);
      expect(trips).toHaveLength(1);
      expect(trips[0]).toMatch(/^\d+ of \d+ LLM calls failed in the last hour \(\d+%, limit 1%\)$/);
      expect(await agentStatuses()).toEqual(agentIds.map(() => 'paused'));
      expect((await ownerMessages(label(tick)))[0]).toContain('- paused agents:');
    } finally {
      await postgres.pool.query('delete from spend_ledger where request_id like $1', [`${marker}-%`]);
      await postgres.close();
    }
  });

  it('pauses when queue messages are dead-lettered past the limit', async () => {
    for (let n = 0; n < 3; n += 1) {
      await env.DB.prepare(
        "insert into dead_letters (message_id, queue, kind, body, attempts, reason, received_at) values (?, 'jobs', 'job', '{}', 5, 'gave up', ?)",
      )
        .bind(uniqueMarker('dead'), Date.now())
        .run();
    }
    const tick = Date.UTC(2026, 4, 1, 11, 5);
    await fireTick(HEALTH, tick, { env: withVars({ ...calm, HEALTH_DEAD_LETTERS_MAX: '3' }) });
    const { steps } = await lastRun(tick);
    expect((steps[1]?.output as { trips: string[] } | undefined)?.trips).toEqual([
      '3 queue messages were dead-lettered in the last hour (limit 3)',
    ]);
    expect(await agentStatuses()).toEqual(agentIds.map(() => 'paused'));
  });

  it('tells the owner of the same tripped limit once an hour, not at every five-minute check', async () => {
    for (let n = 0; n < 3; n += 1) {
      await env.DB.prepare(
        "insert into dead_letters (message_id, queue, kind, body, attempts, reason, received_at) values (?, 'jobs', 'job', '{}', 5, 'gave up', ?)",
      )
        .bind(uniqueMarker('dead-again'), Date.now())
        .run();
    }
    const vars = withVars({ ...calm, HEALTH_DEAD_LETTERS_MAX: '3' });
    const first = Date.UTC(2026, 4, 2, 11, 5);
    const ticks = [first, first + 5 * 60_000, first + 10 * 60_000, first + 65 * 60_000];
    for (const tick of ticks) await fireTick(HEALTH, tick, { env: vars });
    const sent = await Promise.all(ticks.map(async (tick) => (await ownerMessages(label(tick))).length));
    expect(sent).toEqual([1, 0, 0, 1]);
    const { steps } = await lastRun(ticks[1] ?? 0);
    expect(steps[4]).toMatchObject({ name: 'report', note: 'same findings as a report of the last hour' });
  });

  it('pauses when workflow runs keep failing', async () => {
    for (let n = 0; n < 2; n += 1) {
      await env.DB.prepare(
        "insert into workflow_runs (id, workflow, trigger, idempotency_key, status, started_at, error) values (?, 'backup', 'cron', ?, 'failed', ?, 'boom')",
      )
        .bind(crypto.randomUUID(), uniqueMarker('failed-run'), Date.now())
        .run();
    }
    const tick = Date.UTC(2026, 4, 1, 11, 35);
    await fireTick(HEALTH, tick, { env: withVars({ ...calm, HEALTH_FAILED_RUNS_MAX: '2' }) });
    const { steps } = await lastRun(tick);
    expect((steps[1]?.output as { trips: string[] } | undefined)?.trips).toEqual([
      '2 workflow runs failed in the last hour (limit 2)',
    ]);
    expect(await agentStatuses()).toEqual(agentIds.map(() => 'paused'));
  });

  it('clears poisoned LLM cache entries and keeps sound ones', async () => {
    // Written with @upstash/redis, the client the Worker stored entries with before its own: the
    // audit must still read (and clear) what an earlier deploy left behind.
    const redis = new Redis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN });
    const marker = uniqueMarker('poison');
    const sound = {
      id: 'r1',
      text: '{"value":"ok"}',
      model: 'moonshot/kimi-k2.5',
      provider: 'moonshot',
      usage: { inputTokens: 10, outputTokens: 5 },
      costMicros: 12,
      finishReason: 'stop',
      latencyMs: 300,
      cached: false,
      fake: true,
    };
    const entries: Record<string, unknown> = {
      [`llm:cache:${marker}-sound`]: sound,
      [`llm:cache:${marker}-error-body`]: {
        ...sound,
        text: '{"error":{"message":"overloaded","type":"server_error"}}',
      },
      [`llm:cache:${marker}-html`]: { ...sound, text: '<!DOCTYPE html><title>502 Bad Gateway</title>' },
      [`llm:cache:${marker}-empty`]: { ...sound, text: '   ' },
      [`llm:cache:${marker}-shape`]: 'Internal Server Error',
      [`llm:cache:${marker}-cut`]: { ...sound, finishReason: 'length' },
    };
    for (const [key, value] of Object.entries(entries)) await redis.set(key, value, { ex: 600 });

    const tick = Date.UTC(2026, 4, 1, 12, 5);
    await fireTick(HEALTH, tick, { env: withVars(calm) });
    const { steps } = await lastRun(tick);
    const cache = (steps[2]?.output as { cache: { cleared: { key: string; reason: string }[] } } | undefined)?.cache;
    const mine = (cache?.cleared ?? []).filter((entry) => entry.key.includes(marker));
    expect(mine.map((entry) => entry.key.split(`${marker}-`)[1]).sort()).toEqual([
      'cut',
      'empty',
      'error-body',
      'html',
      'shape',
    ]);
    expect(await redis.get(`llm:cache:${marker}-sound`)).toEqual(sound);
    expect(await redis.exists(`llm:cache:${marker}-error-body`, `llm:cache:${marker}-shape`)).toBe(0);
    expect(await agentStatuses()).not.toContain('paused');
    const report = (await ownerMessages(label(tick)))[0] ?? '';
    expect(report).toContain('poisoned LLM cache entries');
    expect(report).toContain(`llm:cache:${marker}-error-body: an error body cached as an answer`);
    expect(report).not.toContain('Tripped');
  });
});

describe('errors', () => {
  it('pauses nothing while every signal is within its limits', async () => {
    const tick = Date.UTC(2026, 4, 1, 13, 5);
    await fireTick(HEALTH, tick, { env: withVars(calm) });
    const { run, steps } = await lastRun(tick);
    expect(run?.status).toBe('succeeded');
    expect(steps[1]?.output).toMatchObject({ trips: [] });
    expect(steps[2]?.output).toMatchObject({ pausedRuns: [], pausedAgents: [] });
    expect(await agentStatuses()).not.toContain('paused');
    for (const message of await ownerMessages(label(tick))) expect(message).not.toContain('Tripped');
  });
});
