import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { workerFetch } from '../helpers/fetch';
import { uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';

// A deferral's queue message is lost when the dev server dies with it, or never comes in time: the
// sweep (every cron tick, or POST /api/sweep) wakes what is due and fits under its cap, once.

const owner = (init: RequestInit = {}) => ({
  ...init,
  headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json', ...init.headers },
});

/**
 * Sets the cap on the ledger object itself: through PUT /api/budget a raised cap wakes its
 * deferrals at once (deferral-cap-raise.test.ts), and these tests are about the sweep's own part.
 */
async function setCap(agent: string, micros: number) {
  await env.BUDGET.getByName('global').setCap({ kind: 'agent', id: agent }, 'day', Math.floor(micros));
}

/** A call the agent's cap refuses (a named model, so no cheaper one steps in): its deferral id and cost. */
async function refusedCall(agent: string, marker: string) {
  const response = await workerFetch(
    '/v1/chat/completions',
    owner({
      method: 'POST',
      headers: { 'x-empire-agent': agent },
      body: JSON.stringify({
        model: 'anthropic/claude-opus-5-5',
        messages: [{ role: 'user', content: marker }],
        max_tokens: 16,
      }),
    }),
  );
  expect(response.status).toBe(402);
  const { error } = (await response.json()) as { error: { details: { deferralId: string } } };
  const id = error.details.deferralId;
  const refusal = JSON.parse((await deferral(id))?.refusal ?? '{}') as {
    requestedMicros: number;
    spentMicros: number;
    reservedMicros: number;
    capMicros: number;
  };
  return { id, requestedMicros: refusal.requestedMicros, refusal };
}

const deferral = (id: string) =>
  env.DB.prepare('select status, attempts, refusal from deferred_calls where id = ?').bind(id).first<{
    status: string;
    attempts: number;
    refusal: string;
  }>();

/** The window opened (or the message came late): the deferral is due. */
const makeDue = (id: string) => env.DB.prepare('update deferred_calls set not_before = 0 where id = ?').bind(id).run();

async function sweep() {
  const response = await workerFetch('/api/sweep', owner({ method: 'POST' }));
  expect(response.status).toBe(200);
  return ((await response.json()) as { deferrals: { woken: number; waitingForRoom: number } }).deferrals;
}

async function deliverMessage(deferralId: string) {
  const batch = createMessageBatch('empire-jobs', [
    { id: `m-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body: { kind: 'llm.deferred', deferralId } },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

afterEach(async () => {
  // Each test counts what the sweep finds: none is left due for the next.
  await env.DB.prepare("update deferred_calls set status = 'done'").run();
});

describe('happy', () => {
  it('runs a deferral whose queue message was lost, once, when it is due and its cap has room', async () => {
    const agent = uniqueMarker('lost');
    const marker = uniqueMarker('lost-message');
    await setCap(agent, 1);
    const { id } = await refusedCall(agent, marker);
    await setCap(agent, 10_000_000);
    await makeDue(id);

    expect(await sweep()).toEqual({ woken: 1, waitingForRoom: 0 });
    expect(await deferral(id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await upstreamRequests(marker)).toHaveLength(1);

    expect(await sweep()).toEqual({ woken: 0, waitingForRoom: 0 });
    expect(await upstreamRequests(marker)).toHaveLength(1);
  });

  it('wakes a deferral held back by reservations once those settle, not before and not in a loop', async () => {
    const agent = uniqueMarker('held');
    await setCap(agent, 1);
    const probe = await refusedCall(agent, uniqueMarker('held-probe'));
    await env.DB.prepare("update deferred_calls set status = 'done' where id = ?").bind(probe.id).run();
    // Another holder reserves ten calls' worth; the cap leaves half a call besides.
    const held = probe.requestedMicros * 10;
    await setCap(agent, held + probe.requestedMicros / 2);
    const ledger = env.BUDGET.getByName('global');
    const draw = await ledger.draw({
      scopes: [{ kind: 'agent', id: agent }],
      wantMicros: held,
      minMicros: held,
      at: Date.now(),
    });
    if (!draw.ok) throw new Error('lease not granted');
    const marker = uniqueMarker('held-call');
    const { id, refusal } = await refusedCall(agent, marker);
    // Refused by the reservation alone: without it the call would fit.
    expect(refusal).toMatchObject({ spentMicros: 0, reservedMicros: held });
    expect(refusal.requestedMicros).toBeLessThanOrEqual(refusal.capMicros);
    await makeDue(id);

    expect((await deliverMessage(id)).explicitAcks).toHaveLength(1);
    expect(await sweep()).toEqual({ woken: 0, waitingForRoom: 1 });
    expect(await deferral(id)).toMatchObject({ status: 'waiting', attempts: 0 });
    expect(await upstreamRequests(marker)).toHaveLength(0);

    await ledger.close({ leaseId: draw.lease.leaseId, spentMicros: 0, calls: 0 });
    await sweep();
    expect(await deferral(id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await upstreamRequests(marker)).toHaveLength(1);
  });

  it('wakes only as many due deferrals as fit under their cap together', async () => {
    const agent = uniqueMarker('share');
    await setCap(agent, 1);
    const markers = [uniqueMarker('share-a'), uniqueMarker('share-b'), uniqueMarker('share-c')];
    const calls = [];
    for (const marker of markers) calls.push(await refusedCall(agent, marker));
    const requested = calls[0]?.requestedMicros ?? 0;
    expect(calls.map((call) => call.requestedMicros)).toEqual([requested, requested, requested]);
    await setCap(agent, Math.floor(requested * 2.5));
    for (const call of calls) await makeDue(call.id);

    expect(await sweep()).toEqual({ woken: 2, waitingForRoom: 1 });
    const sent = await Promise.all(markers.map(async (marker) => (await upstreamRequests(marker)).length));
    expect(sent.sort()).toEqual([0, 1, 1]);
  });
});

describe('errors', () => {
  it('runs a deferral once when the sweep and its queue message come together', async () => {
    const agent = uniqueMarker('race');
    const marker = uniqueMarker('race-call');
    await setCap(agent, 1);
    const { id } = await refusedCall(agent, marker);
    await setCap(agent, 10_000_000);
    await makeDue(id);

    await Promise.all([deliverMessage(id), sweep(), deliverMessage(id), sweep()]);

    expect(await deferral(id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await upstreamRequests(marker)).toHaveLength(1);
  });

  it('neither sends nor re-queues a due deferral whose cap is still full', async () => {
    const agent = uniqueMarker('full');
    const marker = uniqueMarker('full-call');
    await setCap(agent, 1);
    const { id } = await refusedCall(agent, marker);
    await makeDue(id);

    expect((await deliverMessage(id)).explicitAcks).toHaveLength(1);
    expect(await sweep()).toEqual({ woken: 0, waitingForRoom: 1 });
    expect(await deferral(id)).toMatchObject({ status: 'waiting', attempts: 0 });
    expect(await upstreamRequests(marker)).toHaveLength(0);
  });
});
