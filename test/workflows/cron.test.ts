import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { keepAuditEntries } from '../../src/audit/audit-outbox';
import { auditEntry } from '../../src/audit/entry';
import * as d1Schema from '../../src/db/d1-schema';
import { SCHEDULE_TRIGGER } from '../../src/workflows/schedule';
import type { WorkflowDefinition } from '../../src/workflows/types';
import { handleScheduled } from '../../workers/cron';
import worker from '../../workers/index';
import { installWorkflows, settleRuns } from './helpers';
import { runTickWith } from './inline-runs';

interface RunRow {
  workflow: string;
  trigger: string;
  cron: string;
  tick: number;
  status: string;
  started_at: number;
  ended_at: number | null;
  error: string | null;
  failed_step: string | null;
  steps: string | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Fires the Worker's own scheduled handler, every workflow registered, and waits for the runs it started. */
async function fire(
  scheduledTime: number,
  options: { cron?: string; env?: Env; registry?: readonly WorkflowDefinition[] } = {},
) {
  const since = Date.now();
  const ctx = createExecutionContext();
  const controller = createScheduledController({ cron: options.cron ?? SCHEDULE_TRIGGER, scheduledTime });
  if (options.registry) await handleScheduled(controller, options.env ?? env, ctx, options.registry);
  else await worker.scheduled(controller, options.env ?? env, ctx);
  await waitOnExecutionContext(ctx);
  await settleRuns(since);
}

const runsOf = async (workflow: string) =>
  (await env.DB.prepare('select * from workflow_runs where workflow = ? order by tick').bind(workflow).all<RunRow>())
    .results;

describe('happy', () => {
  it('starts the health check on every tick and records the run', async () => {
    const tick = Date.UTC(2026, 10, 25, 13, 5);
    // A fresh audit entry the queue has not carried yet: the replay leaves it and reports it waiting.
    const waiting = auditEntry({ actor: { kind: 'system', id: 'cron-test' }, action: 'test.waiting', outcome: 'ok' });
    await keepAuditEntries(drizzle(env.DB, { schema: d1Schema }), [waiting]);
    await fire(tick);
    const [run, ...others] = await runsOf('health_check');
    expect(others).toEqual([]);
    expect(run).toMatchObject({ trigger: 'cron', cron: '*/5 * * * *', tick, status: 'succeeded', error: null });
    expect(run?.ended_at).toBeGreaterThanOrEqual(run?.started_at ?? Number.POSITIVE_INFINITY);
    const steps = JSON.parse(run?.steps ?? '[]') as { name: string; status: string; output?: unknown }[];
    expect(steps.map((step) => [step.name, step.status])).toEqual([
      ['checks', 'succeeded'],
      ['signals', 'succeeded'],
      ['remediate', 'succeeded'],
      ['books', 'succeeded'],
      ['report', 'succeeded'],
      ['replay', 'succeeded'],
      ['prune', 'succeeded'],
    ]);
    const output = steps[0]?.output as { checks: { name: string; status: string }[] } | undefined;
    expect(output?.checks.find((check) => check.name === 'd1')?.status).toBe('ok');
    const replay = steps[5]?.output as { waiting: number; oldestWaitingAt: string | null } | undefined;
    expect(replay?.waiting).toBeGreaterThanOrEqual(1);
    expect(Date.parse(replay?.oldestWaitingAt ?? '')).toBeLessThanOrEqual(Date.now());
  });

  it('starts every workflow due at a tick, each slot once however many ticks see it', async () => {
    const sunday = Date.UTC(2026, 10, 29, 10, 0);
    await fire(sunday);
    await fire(sunday + 5 * MINUTE);
    await fire(sunday + 10 * MINUTE);
    const [review, ...moreReviews] = await runsOf('weekly_review');
    expect(moreReviews).toEqual([]);
    expect(review).toMatchObject({ cron: '0 10 * * SUN', tick: sunday, status: 'succeeded' });
    expect((await runsOf('lead_research')).map((run) => run.tick)).toEqual([sunday]);
    expect((await runsOf('health_check')).map((run) => run.tick).filter((tick) => tick >= sunday)).toEqual([
      sunday,
      sunday + 5 * MINUTE,
      sunday + 10 * MINUTE,
    ]);
    expect(await runsOf('daily_content')).toEqual([]);

    // A tick the platform skipped: the next one still starts the slot it would have.
    await fire(Date.UTC(2026, 10, 29, 16, 5));
    const [sequences, ...moreSequences] = await runsOf('email_sequences');
    expect(moreSequences).toEqual([]);
    expect(sequences).toMatchObject({ tick: Date.UTC(2026, 10, 29, 16, 0), status: 'skipped' });
  });

  it('reads the schedules in SCHEDULE_TIMEZONE: 06:00 in Berlin stays 06:00 across daylight saving', async () => {
    const calls: number[] = [];
    const flow: WorkflowDefinition = {
      id: 'test_berlin_morning',
      title: 'Test Berlin morning',
      cron: '0 6 * * *',
      steps: [{ name: 'note', run: async (context) => void calls.push(context.tick) }],
    };
    installWorkflows([flow]);
    const berlin = { ...env, SCHEDULE_TIMEZONE: 'Europe/Berlin' } as Env;
    const winter = Date.UTC(2026, 2, 28, 5, 0);
    const summer = Date.UTC(2026, 2, 29, 4, 0);
    for (const at of [winter - HOUR, winter, summer, summer + HOUR]) await fire(at, { env: berlin, registry: [flow] });
    expect(calls).toEqual([winter, summer]);
  });
});

describe('errors', () => {
  it('runs a slot once even when the trigger fires twice', async () => {
    const tick = Date.UTC(2026, 10, 26, 6, 0);
    await Promise.all([fire(tick), fire(tick)]);
    await fire(tick);
    const runs = (await runsOf('daily_content')).filter((run) => run.tick === tick);
    expect(runs).toHaveLength(1);
    await fire(tick + 86_400_000);
    expect((await runsOf('daily_content')).filter((run) => run.tick === tick + 86_400_000)).toHaveLength(1);
  });

  it('ignores a trigger other than the schedule trigger without throwing or recording', async () => {
    const before = await env.DB.prepare('select count(*) as n from workflow_runs').first<{ n: number }>();
    await fire(Date.UTC(2026, 10, 26, 6, 0), { cron: '0 6 * * *' });
    const after = await env.DB.prepare('select count(*) as n from workflow_runs').first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it('records a failed run with its error when the core is down', async () => {
    const tick = Date.UTC(2026, 10, 27, 14, 5);
    const brokenEnv = {
      ...env,
      DB: env.DB,
      BUDGET: {
        getByName: () => ({
          ping: async () => {
            throw new Error('ledger unreachable');
          },
        }),
      },
    } as unknown as Env;
    await runTickWith(brokenEnv, '*/5 * * * *', tick);
    const run = (await runsOf('health_check')).find((row) => row.tick === tick);
    expect(run).toMatchObject({ status: 'failed', failed_step: 'checks' });
    expect(run?.error).toContain('durable_object:budget');
  });

  it('retries a core check that fails twice and records the run as succeeded', async () => {
    const tick = Date.UTC(2026, 10, 27, 15, 5);
    let pings = 0;
    const flakyEnv = {
      ...env,
      BUDGET: {
        getByName: (name: string) => ({
          ping: async () => {
            pings += 1;
            if (pings <= 2) throw new Error('ledger restarting');
            return env.BUDGET.getByName(name).ping();
          },
          snapshot: () => env.BUDGET.getByName(name).snapshot(),
          reconcileView: (at: number) => env.BUDGET.getByName(name).reconcileView(at),
          ledgerStatus: () => env.BUDGET.getByName(name).ledgerStatus(),
        }),
      },
    } as unknown as Env;
    await runTickWith(flakyEnv, '*/5 * * * *', tick);
    const run = (await runsOf('health_check')).find((row) => row.tick === tick);
    expect(pings).toBe(3);
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(JSON.parse(run?.steps ?? '[]')[0]).toMatchObject({ name: 'checks', status: 'succeeded', attempts: 3 });
  });
});
