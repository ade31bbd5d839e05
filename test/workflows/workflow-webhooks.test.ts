import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { WorkflowContext } from '../../src/workflows/types';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { installWorkflows, runsOf, settleRun, stepsOf } from './helpers';
import { asOwner, deliver, echoWorkflow, newSecret, plainWorkflow, type RunAnswer, sign } from './webhook-helpers';

// Storage lasts the whole file: each test counts only the runs it started.
const runsSince = async (workflow: string, since: number) =>
  (await runsOf(workflow)).filter((run) => run.started_at >= since);

const errorOf = async (response: Response) => ((await response.json()) as ErrorShape).error;

describe('happy', () => {
  it('a signed delivery starts a run whose step gets the input, and the run ends', async () => {
    installWorkflows([echoWorkflow]);
    const { secret } = await newSecret('webhook_echo');
    const response = await deliver('webhook_echo', { secret, body: JSON.stringify({ input: { topic: 'pricing' } }) });
    expect(response.status).toBe(202);
    const answer = (await response.json()) as RunAnswer;
    expect(answer).toMatchObject({ duplicate: false, run: { trigger: 'webhook', input: { topic: 'pricing' } } });
    await settleRun(answer.run.id);
    const [run] = (await runsOf('webhook_echo')).filter((row) => row.id === answer.run.id);
    expect(run?.status).toBe('succeeded');
    expect(stepsOf(run)[0]?.output).toEqual({ input: { topic: 'pricing' }, trigger: 'webhook' });
  });

  it('lead_research researches the regions and profile a delivery names instead of the configured ones', async () => {
    const { secret } = await newSecret('lead_research');
    const input = { icp: 'Dental practices with more than five chairs', regions: ['Nordics', 'Benelux', 'Iberia'] };
    const response = await deliver('lead_research', { secret, body: JSON.stringify({ input }) });
    expect(response.status).toBe(202);
    const { run } = (await response.json()) as RunAnswer;
    await settleRun(run.id);
    const [row] = (await runsOf('lead_research')).filter((entry) => entry.id === run.id);
    expect(row?.status).toBe('succeeded');
    const task = stepsOf(row).find((step) => step.name === 'research_task');
    const { taskRunId, regions } = (task?.output ?? {}) as { taskRunId: string; regions: string[] };
    expect(regions).toEqual(input.regions);
    // One swarm job per region: the configured DACH alone would be one.
    const swarm = await workerFetch(`/api/runs/${taskRunId}`, asOwner());
    expect(await swarm.json()).toMatchObject({ task: 'lead_research', total: 3 });
  });

  it('the same delivery id answers with the same run, never a second one', async () => {
    const since = Date.now();
    installWorkflows([echoWorkflow]);
    const { secret } = await newSecret('webhook_echo');
    const delivery = crypto.randomUUID();
    const body = JSON.stringify({ input: { topic: 'retry' } });
    const first = (await (await deliver('webhook_echo', { secret, body, delivery })).json()) as RunAnswer;
    await settleRun(first.run.id);
    // The sender's retry: signed again a second later, same delivery id.
    const again = await deliver('webhook_echo', {
      secret,
      body,
      delivery,
      timestamp: Math.floor(Date.now() / 1000) + 1,
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, run: { id: first.run.id, status: 'succeeded' } });
    expect((await runsSince('webhook_echo', since)).map((row) => row.id)).toEqual([first.run.id]);
  });

  it('a retry of a failed webhook run runs with the same input', async () => {
    // Fails unless retried, so the retry is what reads the input.
    const failsFirst = {
      ...echoWorkflow,
      id: 'webhook_retried',
      steps: [
        {
          name: 'echo',
          retries: 0,
          run: async (context: WorkflowContext) => {
            if (context.trigger !== 'retry') throw new Error('not yet');
            return { output: { input: context.input } };
          },
        },
      ],
    };
    installWorkflows([failsFirst]);
    const { secret } = await newSecret('webhook_retried');
    const response = await deliver('webhook_retried', { secret, body: JSON.stringify({ input: { topic: 'again' } }) });
    const { run } = (await response.json()) as RunAnswer;
    await settleRun(run.id);
    const retrying = await workerFetch(`/api/workflows/runs/${run.id}/retry`, asOwner({ method: 'POST' }));
    expect(retrying.status).toBe(202);
    const retried = (await retrying.json()) as RunAnswer;
    expect(retried.run).toMatchObject({ trigger: 'retry', input: { topic: 'again' } });
    await settleRun(retried.run.id);
    const [row] = (await runsOf('webhook_retried')).filter((entry) => entry.id === retried.run.id);
    expect(row?.status).toBe('succeeded');
    expect(stepsOf(row)[0]?.output).toEqual({ input: { topic: 'again' } });
  });

  it('a manual run takes an input too, checked the same way', async () => {
    installWorkflows([echoWorkflow]);
    const response = await workerFetch(
      '/api/workflows/webhook_echo/run',
      asOwner({ method: 'POST', body: JSON.stringify({ input: { topic: 'by hand', count: 2 } }) }),
    );
    expect(response.status).toBe(202);
    const { run } = (await response.json()) as RunAnswer;
    expect(run).toMatchObject({ trigger: 'manual', input: { topic: 'by hand', count: 2 } });
    await settleRun(run.id);
    const [row] = (await runsOf('webhook_echo')).filter((entry) => entry.id === run.id);
    expect(stepsOf(row)[0]?.output).toEqual({ input: { topic: 'by hand', count: 2 }, trigger: 'manual' });
  });
});

describe('errors', () => {
  it('refuses a wrong signature, a stale or missing timestamp, and a signature made for another body', async () => {
    const since = Date.now();
    installWorkflows([echoWorkflow]);
    const { secret } = await newSecret('webhook_echo');
    const body = JSON.stringify({ input: { topic: 'x' } });
    const wrong = await deliver('webhook_echo', { secret: `${secret}x`, body });
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).message).toMatch(/X-Empire-Signature does not match/);
    const stale = await deliver('webhook_echo', { secret, body, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    expect((await errorOf(stale)).message).toMatch(/more than 5 minutes/);
    const future = await deliver('webhook_echo', { secret, body, timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(future.status).toBe(401);
    const unsigned = await workerFetch('/webhooks/workflows/webhook_echo', { method: 'POST', body });
    expect(unsigned.status).toBe(401);
    expect((await errorOf(unsigned)).message).toMatch(/X-Empire-Timestamp and X-Empire-Signature are required/);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const swapped = await workerFetch('/webhooks/workflows/webhook_echo', {
      method: 'POST',
      body: JSON.stringify({ input: { topic: 'y' } }),
      headers: {
        'x-empire-timestamp': timestamp,
        'x-empire-signature': await sign(secret, timestamp, body),
        'x-empire-delivery': crypto.randomUUID(),
      },
    });
    expect(swapped.status).toBe(401);
    expect(await runsSince('webhook_echo', since)).toHaveLength(0);
  });

  it('refuses a signed request replayed under another delivery id', async () => {
    const since = Date.now();
    installWorkflows([echoWorkflow]);
    const { secret } = await newSecret('webhook_echo');
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ input: { topic: 'replay' } });
    const first = await deliver('webhook_echo', { secret, body, timestamp });
    expect(first.status).toBe(202);
    const replayed = await deliver('webhook_echo', { secret, body, timestamp, delivery: crypto.randomUUID() });
    expect(replayed.status).toBe(409);
    expect(await runsSince('webhook_echo', since)).toHaveLength(1);
  });

  it('answers 404 for an unknown workflow and for one without a secret', async () => {
    installWorkflows([plainWorkflow]);
    const unknown = await deliver('no_such_flow', { secret: 'emp_wh_whatever' });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).message).toMatch(/No such workflow/);
    const unset = await deliver('webhook_plain', { secret: 'emp_wh_whatever' });
    expect(unset.status).toBe(404);
    expect((await errorOf(unset)).message).toMatch(/has no webhook secret/);
  });

  it('refuses malformed JSON, an oversized body, a bad delivery id and a body with other fields', async () => {
    const since = Date.now();
    installWorkflows([echoWorkflow]);
    const { secret } = await newSecret('webhook_echo');
    const malformed = await deliver('webhook_echo', { secret, body: '{"input": {' });
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe('malformed_json');
    const oversized = await deliver('webhook_echo', {
      secret,
      body: JSON.stringify({ input: { topic: 'x'.repeat(70_000) } }),
    });
    expect(oversized.status).toBe(413);
    const badDelivery = await deliver('webhook_echo', { secret, delivery: '../../etc' });
    expect(badDelivery.status).toBe(400);
    expect((await errorOf(badDelivery)).message).toMatch(/X-Empire-Delivery/);
    const extra = await deliver('webhook_echo', { secret, body: JSON.stringify({ input: { topic: 'a' }, run: 1 }) });
    expect(extra.status).toBe(400);
    expect(await runsSince('webhook_echo', since)).toHaveLength(0);
  });

  it("refuses input that does not fit the workflow's schema, naming the field", async () => {
    const since = Date.now();
    installWorkflows([echoWorkflow, plainWorkflow]);
    const echo = await newSecret('webhook_echo');
    const wrongType = await deliver('webhook_echo', {
      secret: echo.secret,
      body: JSON.stringify({ input: { topic: 7 } }),
    });
    expect(wrongType.status).toBe(400);
    const wrong = await errorOf(wrongType);
    expect(wrong.message).toMatch(/input\.topic/);
    expect(wrong.details).toEqual([{ path: 'input.topic', message: expect.any(String) }]);
    const unknownField = await deliver('webhook_echo', {
      secret: echo.secret,
      body: JSON.stringify({ input: { topic: 'a', colour: 'red' } }),
    });
    expect((await errorOf(unknownField)).message).toMatch(/colour/);
    const notObject = await deliver('webhook_echo', { secret: echo.secret, body: JSON.stringify({ input: [1] }) });
    expect(notObject.status).toBe(400);
    const plain = await newSecret('webhook_plain');
    const takesNone = await deliver('webhook_plain', {
      secret: plain.secret,
      body: JSON.stringify({ input: { anything: 1 } }),
    });
    expect(takesNone.status).toBe(400);
    expect((await errorOf(takesNone)).details).toEqual([
      { path: 'input.anything', message: 'webhook_plain takes no input' },
    ]);
    const manual = await workerFetch(
      '/api/workflows/lead_research/run',
      asOwner({ method: 'POST', body: JSON.stringify({ input: { regions: 'DACH' } }) }),
    );
    expect(manual.status).toBe(400);
    expect((await errorOf(manual)).details).toEqual([{ path: 'input.regions', message: expect.any(String) }]);
    expect(await runsSince('webhook_echo', since)).toHaveLength(0);
    expect(await runsSince('webhook_plain', since)).toHaveLength(0);
  });
});

describe('security', () => {
  it('keeps the secret sealed in D1: the database alone does not hold it', async () => {
    installWorkflows([echoWorkflow]);
    const { secret } = await newSecret('webhook_echo');
    const row = await env.DB.prepare('select * from workflow_webhook_secrets where workflow = ?')
      .bind('webhook_echo')
      .first<Record<string, unknown>>();
    expect(JSON.stringify(row)).not.toContain(secret.slice(7));
    expect(String(row?.sealed)).toMatch(/^v1\./);
  });
});
