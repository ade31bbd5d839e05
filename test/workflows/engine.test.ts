import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { findRun } from '../../src/workflows/run-history';
import { SkipRun, type WorkflowDefinition, type WorkflowStep } from '../../src/workflows/types';
import { receivedAlerts } from '../channels/alert-helpers';
import { receivedBy } from '../channels/email-helpers';
import { OWNER_CHAT } from '../channels/telegram-helpers';
import { fireTick, ownerMessages, retryToEnd, runnerScope, runsOf, stepsOf } from './helpers';

// Workflows made for these tests, run by the Worker's own scheduled handler and engine.
const flaky = (name: string, failures: { left: number }, calls: { n: number }, retries?: number): WorkflowStep => ({
  name,
  retries,
  async run() {
    calls.n += 1;
    if (failures.left > 0) {
      failures.left -= 1;
      throw new Error(`${name} upstream answered 503`);
    }
    return { output: { calls: calls.n }, costMicros: 7 };
  },
});

function workflow(id: string, cron: string, steps: WorkflowStep[]): WorkflowDefinition {
  return { id, title: `Test ${id}`, cron, steps };
}

describe('happy', () => {
  it('runs the named steps in order, handing each the earlier outputs, and records every step', async () => {
    const seen: unknown[] = [];
    const flow = workflow('test_steps', '1 2 3 4 *', [
      { name: 'fetch', run: async () => ({ output: { rows: 3 }, costMicros: 1200, note: 'three rows' }) },
      {
        name: 'report',
        run: async (_context, outputs) => {
          seen.push(outputs.fetch);
          return { output: { sent: true }, costMicros: 800 };
        },
      },
    ]);
    const tick = Date.UTC(2026, 3, 3, 2, 1);
    await fireTick(flow.cron, tick, { registry: [flow] });
    const [run] = await runsOf('test_steps');
    expect(run).toMatchObject({ trigger: 'cron', tick, status: 'succeeded', cost_micros: 2000, error: null });
    expect(seen).toEqual([{ rows: 3 }]);
    expect(stepsOf(run)).toMatchObject([
      { name: 'fetch', status: 'succeeded', attempts: 1, output: { rows: 3 }, costMicros: 1200, note: 'three rows' },
      { name: 'report', status: 'succeeded', attempts: 1, output: { sent: true }, costMicros: 800 },
    ]);
  });

  it('retries a step that fails twice, then succeeds, and records the attempts', async () => {
    const calls = { n: 0 };
    const flow = workflow('test_flaky', '2 2 3 4 *', [flaky('pull', { left: 2 }, calls)]);
    await fireTick(flow.cron, Date.UTC(2026, 3, 3, 2, 2), { registry: [flow] });
    const [run] = await runsOf('test_flaky');
    expect(calls.n).toBe(3);
    expect(run?.status).toBe('succeeded');
    expect(stepsOf(run)).toMatchObject([{ name: 'pull', status: 'succeeded', attempts: 3, output: { calls: 3 } }]);
  });

  it('resumes a retried run at its failed step, reusing the outputs of the steps that succeeded', async () => {
    const first = { n: 0 };
    const second = { n: 0 };
    const third = { n: 0 };
    const failures = { left: 4 };
    const handed: unknown[] = [];
    const flow = workflow('test_resume', '3 2 3 4 *', [
      flaky('collect', { left: 0 }, first),
      flaky('publish', failures, second),
      {
        name: 'announce',
        run: async (_context, outputs) => {
          third.n += 1;
          handed.push(outputs.collect, outputs.publish);
          return { output: 'done' };
        },
      },
    ]);
    await fireTick(flow.cron, Date.UTC(2026, 3, 3, 2, 3), { registry: [flow] });
    const [failed] = await runsOf('test_resume');
    expect(failed).toMatchObject({ status: 'failed', failed_step: 'publish' });
    expect([first.n, second.n, third.n]).toEqual([1, 4, 0]);

    const scope = runnerScope();
    const row = await findRun(scope.services.d1, failed?.id ?? '');
    if (!row) throw new Error('failed run not found');
    const outcome = await retryToEnd(scope, row, [flow]);
    expect(outcome).toMatchObject({ status: 'started' });
    // collect ran once in all: the retry took its recorded output instead of running it.
    expect([first.n, second.n, third.n]).toEqual([1, 5, 1]);
    expect(handed).toEqual([{ calls: 1 }, { calls: 5 }]);
    const retried = (await runsOf('test_resume')).find((run) => run.trigger === 'retry');
    expect(retried).toMatchObject({ status: 'succeeded', retry_of: failed?.id, cost_micros: 7 });
    expect(stepsOf(retried).map((step) => [step.name, step.status, step.attempts])).toEqual([
      ['collect', 'reused', 0],
      ['publish', 'succeeded', 1],
      ['announce', 'succeeded', 1],
    ]);
    expect(stepsOf(retried)[0]?.startedAt).toBe(stepsOf(failed)[0]?.startedAt);

    expect(await retryToEnd(scope, row, [flow])).toMatchObject({ status: 'duplicate' });
    expect([first.n, second.n, third.n]).toEqual([1, 5, 1]);
    await scope.services.dispose();
  });

  it('records a run as skipped when a step says there is nothing to do', async () => {
    const after = { n: 0 };
    const flow = workflow('test_skip', '4 2 3 4 *', [
      {
        name: 'look',
        run: async () => {
          throw new SkipRun('no sales today');
        },
      },
      flaky('never', { left: 0 }, after),
    ]);
    await fireTick(flow.cron, Date.UTC(2026, 3, 3, 2, 4), { registry: [flow] });
    const [run] = await runsOf('test_skip');
    expect(run).toMatchObject({ status: 'skipped', error: 'no sales today' });
    expect(after.n).toBe(0);
    expect(stepsOf(run)).toMatchObject([{ name: 'look', status: 'skipped', attempts: 1 }]);
  });
});

describe('errors', () => {
  it('runs a tick once, steps included, when the trigger fires twice', async () => {
    const calls = { n: 0 };
    const flow = workflow('test_once', '5 2 3 4 *', [flaky('only', { left: 0 }, calls)]);
    const tick = Date.UTC(2026, 3, 3, 2, 5);
    await Promise.all([
      fireTick(flow.cron, tick, { registry: [flow] }),
      fireTick(flow.cron, tick, { registry: [flow] }),
    ]);
    await fireTick(flow.cron, tick, { registry: [flow] });
    expect(await runsOf('test_once')).toHaveLength(1);
    expect(calls.n).toBe(1);
  });

  it('fails the run when a step fails past its retries, records the step and alerts the owner', async () => {
    const pulls = { n: 0 };
    const later = { n: 0 };
    const flow = workflow('test_broken', '6 2 3 4 *', [
      flaky('pull', { left: 99 }, pulls),
      flaky('later', { left: 0 }, later),
    ]);
    await fireTick(flow.cron, Date.UTC(2026, 3, 3, 2, 6), { registry: [flow] });
    const [run] = await runsOf('test_broken');
    expect(pulls.n).toBe(4);
    expect(later.n).toBe(0);
    expect(run).toMatchObject({ status: 'failed', failed_step: 'pull' });
    expect(run?.error).toContain('step pull failed after 4 attempts: pull upstream answered 503');
    expect(stepsOf(run)).toMatchObject([
      { name: 'pull', status: 'failed', attempts: 4, error: 'pull upstream answered 503' },
    ]);
    const alerts = await ownerMessages(run?.id ?? 'none');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('Test test_broken (test_broken) failed at step "pull" after 4 attempts');
    expect(alerts[0]).toContain(`/api/workflows/runs/${run?.id}/retry`);
  });

  it('stores what a failed run taught as a lesson in long-term memory', async () => {
    const flow = workflow('test_lesson', '9 2 3 4 *', [flaky('fetch-rates', { left: 9 }, { n: 0 }, 0)]);
    await fireTick(flow.cron, Date.UTC(2026, 3, 3, 2, 9), { registry: [flow] });
    const stored = await env.DB.prepare("select kind from memory_nuggets where source = 'workflow:test_lesson'").all<{
      kind: string;
    }>();
    expect(stored.results).toEqual([{ kind: 'lesson' }]);
    const scope = runnerScope();
    const hits = await scope.services.memory?.search('fetch-rates upstream answered 503', 5);
    const lesson = hits?.find((hit) => hit.source === 'workflow:test_lesson');
    expect(lesson?.text).toContain('failed at step "fetch-rates" after 1 attempts: fetch-rates upstream answered 503');
    expect(lesson?.tags).toEqual(expect.arrayContaining(['workflow', 'test_lesson', 'failure']));
  });

  it('honours a step that allows no retries', async () => {
    const calls = { n: 0 };
    const flow = workflow('test_no_retry', '7 2 3 4 *', [flaky('once', { left: 1 }, calls, 0)]);
    await fireTick(flow.cron, Date.UTC(2026, 3, 3, 2, 7), { registry: [flow] });
    expect(calls.n).toBe(1);
    expect((await runsOf('test_no_retry'))[0]).toMatchObject({ status: 'failed', failed_step: 'once' });
  });

  it('sends the alert to the owner chat only', async () => {
    const flow = workflow('test_alert_chat', '8 2 3 4 *', [flaky('x', { left: 9 }, { n: 0 }, 0)]);
    await fireTick(flow.cron, Date.UTC(2026, 3, 3, 2, 8), { registry: [flow] });
    const [run] = await runsOf('test_alert_chat');
    const calls = (await (await fetch(`${env.FAKE_TELEGRAM_URL}/__fake/calls`)).json()) as {
      body: { chat_id: number; text: string };
    }[];
    const sent = calls.filter((call) => call.body.text?.includes(run?.id ?? 'none'));
    expect(sent.map((call) => Number(call.body.chat_id))).toEqual([OWNER_CHAT]);
  });

  it('sends the failure alert to the alert address and the signed webhook too', async () => {
    const flow = workflow('test_alert_sinks', '11 2 3 4 *', [flaky('y', { left: 9 }, { n: 0 }, 0)]);
    await fireTick(flow.cron, Date.UTC(2026, 3, 3, 2, 11), { registry: [flow] });
    const [run] = await runsOf('test_alert_sinks');
    const runId = run?.id ?? 'none';
    const [hook, ...moreHooks] = await receivedAlerts(runId);
    expect(moreHooks).toEqual([]);
    expect(hook?.body).toMatchObject({
      kind: 'workflow_failed',
      severity: 'page',
      title: 'Workflow Test test_alert_sinks failed at step "y"',
    });
    expect(hook?.body.text).toContain(`POST /api/workflows/runs/${runId}/retry`);
    const mails = (await receivedBy('alerts@ops.empire.test')).filter((mail) => String(mail.body.text).includes(runId));
    expect(mails.map((mail) => mail.body.subject)).toEqual([
      '[AI Empire] Alert: Workflow Test test_alert_sinks failed at step "y"',
    ]);
  });
});
