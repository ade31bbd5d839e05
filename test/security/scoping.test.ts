import { beforeAll, describe, expect, it } from 'vitest';
import { waitForAction } from '../helpers/actions';
import { checkedFetch, workerFetch } from '../helpers/fetch';
import { createKey, ownerKey } from '../helpers/keys';
import { putTask } from '../helpers/runs';
import { tokenFor } from '../helpers/tokens';

// The README's scoping table, swept with every kind of caller: per-client objects are "not found"
// to other non-owners; business-wide records are for the owner and operators; readonly keys see
// aggregates; live sockets follow the same rule.

type Caller = 'owner' | 'operator' | 'other operator' | 'readonly' | 'none';
const keys = {} as Record<Exclude<Caller, 'none'>, string>;

const call = (caller: Caller, path: string, init: RequestInit = {}) =>
  workerFetch(path, {
    ...init,
    headers: {
      ...(caller === 'none' ? {} : { authorization: `Bearer ${keys[caller]}` }),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });

async function statuses(path: string, init?: RequestInit): Promise<Record<Caller, number>> {
  const callers: Caller[] = ['owner', 'operator', 'other operator', 'readonly', 'none'];
  const answers = await Promise.all(callers.map((caller) => call(caller, path, init)));
  return Object.fromEntries(callers.map((caller, index) => [caller, answers[index]?.status])) as Record<Caller, number>;
}

async function clientOf(key: string): Promise<string> {
  const listed = (await (await call('owner', '/api/keys')).json()) as { items: { clientId: string; prefix: string }[] };
  const found = listed.items.find((item) => item.prefix === key.slice(0, 12));
  if (!found) throw new Error('no such key');
  return found.clientId;
}

const PER_CLIENT = { owner: 200, operator: 200, 'other operator': 404, readonly: 404, none: 401 };

beforeAll(async () => {
  keys.owner = ownerKey;
  [keys.operator, keys['other operator'], keys.readonly] = await Promise.all([
    createKey('operator'),
    createKey('operator'),
    createKey('readonly'),
  ]);
});

describe('per-client objects', () => {
  it('shows an action to its client and the owner, and to nobody else', async () => {
    const posted = await call('operator', '/api/action', {
      method: 'POST',
      body: JSON.stringify({ action: 'ask', agent: 'numbers', input: 'private question of one client' }),
    });
    const { id } = (await posted.json()) as { id: string };
    await waitForAction(id, keys.operator);
    expect(await statuses(`/api/actions/${id}`)).toEqual(PER_CLIENT);
  });

  it('shows a swarm run to its client and the owner; another client can neither read nor cancel it', async () => {
    const task = `scoped_probe_${crypto.randomUUID().slice(0, 8)}`;
    const yaml = `name: ${task}
description: Echo each item back as JSON.
agent: numbers
model_class: simple
inputs:
  items: { type: list, items: { type: string }, max: 10 }
prompts:
  system: Return the item.
steps:
  - name: echo
    prompt: "Item {{item}}"
    max_tokens: 32
output:
  schema: { type: object, fields: { value: { type: string } } }
  example: { value: ok }
fanout: { over: items, max: 10 }
reduce: { kind: concat }
budget: { max_run_usd: 1 }
max_in_flight: 2
`;
    expect((await putTask(task, yaml)).status).toBe(200);
    const started = await call('operator', `/api/tasks/${task}/run`, {
      method: 'POST',
      body: JSON.stringify({ inputs: { items: ['a', 'b'] } }),
    });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    expect(await statuses(`/api/runs/${runId}`)).toEqual(PER_CLIENT);
    expect((await call('other operator', `/api/runs/${runId}/cancel`, { method: 'POST' })).status).toBe(404);
    const listed = async (caller: Caller) =>
      ((await (await call(caller, '/api/runs?limit=200')).json()) as { runs: { id: string }[] }).runs.map(
        (run) => run.id,
      );
    expect(await listed('operator')).toContain(runId);
    expect(await listed('owner')).toContain(runId);
    expect(await listed('other operator')).not.toContain(runId);
  });

  it('shows a deferred call, and its answer, to its client and the owner only', async () => {
    const operatorClient = (
      (await (await call('owner', '/api/keys')).json()) as {
        items: { clientId: string; prefix: string }[];
      }
    ).items.find((key) => key.prefix === keys.operator.slice(0, 12))?.clientId;
    expect(operatorClient).toBeDefined();
    const cap = (amount: number | null) =>
      call('owner', '/api/budget', {
        method: 'PUT',
        body: JSON.stringify({ caps: [{ scope: `client:${operatorClient}`, window: 'day', amount, currency: 'USD' }] }),
      });
    expect((await cap(0.000001)).status).toBe(200);
    const refused = await call('operator', '/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'auto:strategic', messages: [{ role: 'user', content: 'deferred secret' }] }),
    });
    await cap(null);
    expect(refused.status).toBe(402);
    const { error } = (await refused.json()) as { error: { details: { deferralId: string } } };
    expect(await statuses(`/api/deferrals/${error.details.deferralId}`)).toEqual(PER_CLIENT);
  });

  it("cuts other clients' budget lines and spend from a non-owner's view", async () => {
    const line = `client:${await clientOf(keys.operator)}`;
    const clientLines = async (caller: Caller) =>
      ((await (await call(caller, '/api/budget')).json()) as { windows: { scope: string }[] }).windows
        .map((window) => window.scope)
        .filter((scope) => scope.startsWith('client:'));
    expect(await clientLines('owner')).toContain(line);
    expect(await clientLines('operator')).toContain(line);
    expect((await clientLines('operator')).every((scope) => scope === line)).toBe(true);
    expect(await clientLines('other operator')).not.toContain(line);
    const spend = (await (await call('readonly', '/api/spend?groupBy=client')).json()) as { rows: unknown[] };
    expect(spend.rows).toEqual([]);
  });
});

describe('business-wide records', () => {
  const personal = [
    '/api/crm/leads',
    '/api/crm/leads/search?q=acme',
    '/api/crm/leads/export',
    '/api/sales/sends',
    '/api/memory/search?q=anything',
    '/api/gold-nuggets',
    '/api/insights',
    '/api/bma/engagements',
    '/api/workflows/daily_content/runs',
  ];

  it.each(personal)('%s is for the owner and operators', async (path) => {
    const answers = await statuses(path);
    expect(answers).toMatchObject({ operator: 200, 'other operator': 200, readonly: 403, none: 401 });
    expect(answers.owner).toBe(200);
  });

  it('gives readonly keys the aggregates: counts without leads, agents without their work', async () => {
    const pipeline = (await (await call('readonly', '/api/crm/pipeline')).json()) as { total: number; top: unknown[] };
    expect(pipeline.top).toEqual([]);
    const brains = (await (await call('readonly', '/api/brains')).json()) as {
      brains: { currentTask: unknown; lastError: unknown; counters: unknown }[];
    };
    expect(brains.brains).toHaveLength(7);
    for (const brain of brains.brains) expect(brain).toMatchObject({ currentTask: null, lastError: null });
  });
});

describe('live sockets', () => {
  const open = async (token: string) => {
    const response = await checkedFetch(
      new Request(`http://empire.test/ws?token=${token}`, { headers: { Upgrade: 'websocket' } }),
    );
    const socket = response.webSocket;
    if (!socket) throw new Error('no socket');
    socket.accept();
    const events: { type: string; actionId?: string }[] = [];
    socket.addEventListener('message', (event) => {
      if (typeof event.data === 'string' && event.data !== 'pong') events.push(JSON.parse(event.data));
    });
    return { socket, events };
  };

  it("sends an action's tokens and result to its client and the owner, never to another client", async () => {
    const [mine, other, owner, readonly] = await Promise.all([
      open(await tokenFor(keys.operator)),
      open(await tokenFor(keys['other operator'])),
      open(await tokenFor()),
      open(await tokenFor(keys.readonly)),
    ]);
    const posted = await call('operator', '/api/action', {
      method: 'POST',
      body: JSON.stringify({ action: 'ask', agent: 'hands', input: 'socket scoping probe' }),
    });
    const { id } = (await posted.json()) as { id: string };
    await waitForAction(id, keys.operator);
    const deadline = Date.now() + 10_000;
    const resultFor = (events: { type: string; actionId?: string }[]) =>
      events.some((event) => event.type === 'agent.result' && event.actionId === id);
    while ((!resultFor(mine.events) || !resultFor(owner.events)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(resultFor(mine.events)).toBe(true);
    expect(resultFor(owner.events)).toBe(true);
    const about = (events: { type: string; actionId?: string }[]) => events.filter((event) => event.actionId === id);
    expect(about(other.events).filter((event) => event.type !== 'agent.status')).toEqual([]);
    expect(about(readonly.events)).toEqual([]);
    for (const { socket } of [mine, other, owner, readonly]) socket.close(1000, 'done');
  });

  it("refuses an agent's own stream to readonly keys", async () => {
    const response = await checkedFetch(
      new Request(`http://empire.test/ws/agents/ceo?token=${await tokenFor(keys.readonly)}`, {
        headers: { Upgrade: 'websocket' },
      }),
    );
    expect(response.status).toBe(403);
  });
});
