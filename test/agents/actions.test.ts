import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/postgres';
import { ask, commandUpdate, sendUpdate, waitForReplies } from '../channels/telegram-helpers';
import { postAction, waitForAction } from '../helpers/actions';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';

async function conversationMessages(conversationId: string) {
  const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
  try {
    const result = await postgres.pool.query(
      'select role, content, model, cost_micros from messages where conversation_id = $1 order by created_at, role',
      [conversationId],
    );
    return result.rows as { role: string; content: string; model: string | null; cost_micros: string }[];
  } finally {
    await postgres.close();
  }
}

const setCap = (scope: string, amount: number | null) =>
  workerFetch('/api/budget', {
    method: 'PUT',
    headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ caps: [{ scope, window: 'day', amount }] }),
  });

/** Sends /ask and returns the texts posted under it once `count` of them are there. */
async function askAgent(text: string, count: number): Promise<string[]> {
  const { update, messageId } = commandUpdate(text);
  expect((await sendUpdate(update)).status).toBe(200);
  return (await waitForReplies(messageId, count)).map((reply) => reply.body.text);
}

describe('happy', () => {
  it('asks one agent through the router and keeps the conversation in Postgres', async () => {
    const marker = uniqueMarker('ask');
    const queued = await postAction({ action: 'ask', agent: 'mouth', input: `${marker} write a tagline` });
    expect(queued.status).toBe(202);
    const { id, agents } = (await queued.json()) as { id: string; agents: string[] };
    expect(agents).toEqual(['mouth']);
    const done = await waitForAction(id);
    expect(done).toMatchObject({ status: 'done', error: null });
    expect(done.result).toMatch(/^\[fake\]/);
    expect(done.costMicros).toBeGreaterThan(0);
    // Mouth's class is research: Kimi answers.
    expect((await upstreamRequests(marker)).map((entry) => entry.provider)).toEqual(['moonshot']);
    const rows = await conversationMessages(done.conversationId ?? '');
    expect(rows.map((row) => row.role)).toEqual(['user', 'assistant']);
    expect(rows[0]?.content).toContain(`<data>\n${marker} write a tagline\n</data>`);
    expect(Number(rows[1]?.cost_micros)).toBe(done.costMicros);

    const brains = (await (
      await workerFetch('/api/brains', { headers: { authorization: `Bearer ${ownerKey}` } })
    ).json()) as {
      brains: { id: string; status: string; counters: { tasks: number } }[];
    };
    expect(brains.brains).toHaveLength(7);
    expect(brains.brains.find((brain) => brain.id === 'mouth')).toMatchObject({
      status: 'idle',
      counters: { tasks: 1 },
    });
  });

  it('decides with the CEO given Numbers\u2019 figures', async () => {
    const marker = uniqueMarker('decide');
    const { id } = (await (await postAction({ action: 'decide', input: `${marker} raise prices?` })).json()) as {
      id: string;
    };
    const done = await waitForAction(id);
    expect(done).toMatchObject({ status: 'done', agents: ['numbers', 'ceo'] });
    const upstream = await upstreamRequests(marker);
    // Numbers looks its figures up with a tool first (one more Ollama turn); the CEO decides without tools.
    expect(upstream.map((entry) => entry.provider)).toEqual(['ollama', 'ollama', 'anthropic']);
  });

  it('brainstorms with several agents and combines them; low priority runs cheaper', async () => {
    const marker = uniqueMarker('brainstorm');
    const { id } = (await (await postAction({ action: 'brainstorm', input: marker, priority: 'low' })).json()) as {
      id: string;
    };
    const done = await waitForAction(id);
    expect(done.status).toBe('done');
    expect(done.result).toContain('## mouth');
    expect(done.result).toContain('## numbers');
    // Low priority: Mouth drops from research to simple, so no call reaches Kimi or Claude.
    expect(new Set((await upstreamRequests(marker)).map((entry) => entry.provider))).toEqual(new Set(['ollama']));
  });

  it('pauses and resumes an agent; a paused agent takes no work', async () => {
    const paused = await postAction({ action: 'pause', agent: 'hands' });
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ status: 'done', agent: { status: 'paused' } });
    const refused = await postAction({ action: 'ask', agent: 'hands', input: 'write a script' });
    expect(refused.status).toBe(409);
    const resumed = await postAction({ action: 'resume', agent: 'hands' });
    expect(await resumed.json()).toMatchObject({ agent: { status: 'idle' } });
  });

  it('runs an Atomic Reactor task as a swarm', async () => {
    const started = await postAction({ action: 'run-task', input: 'bma_services', inputs: { kinds: ['audits'] } });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    const { waitForRun } = await import('../helpers/runs');
    expect(await waitForRun(runId)).toMatchObject({ status: 'done', total: 1, done: 1 });
  });

  it('picks an agent by the question when none is named', async () => {
    const queued = await postAction({ action: 'ask', input: 'What was our revenue and margin last week?' });
    expect(((await queued.json()) as { agents: string[] }).agents).toEqual(['numbers']);
  });
});

describe('errors', () => {
  it.each([
    ['an unknown action', { action: 'dance', input: 'x' }, 400],
    ['an empty input', { action: 'ask', input: '' }, 400],
    ['an unknown agent', { action: 'ask', agent: 'nobody', input: 'x' }, 400],
    ['pause without an agent', { action: 'pause' }, 400],
    ['an input over 20,000 characters', { action: 'ask', input: 'x'.repeat(20_001) }, 400],
    ['run-task for an unknown task', { action: 'run-task', input: 'no_such_task' }, 404],
    ['run-task with a missing task input', { action: 'run-task', input: 'lead_research', inputs: {} }, 400],
  ])('refuses %s', async (_name, body, status) => {
    const response = await postAction(body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as ErrorShape).error.code).toBeTypeOf('string');
  });

  it('answers unknown and malformed action ids', async () => {
    const get = (id: string) => workerFetch(`/api/actions/${id}`, { headers: { authorization: `Bearer ${ownerKey}` } });
    expect((await get(crypto.randomUUID())).status).toBe(404);
    expect((await get('../../etc/passwd')).status).toBe(404);
    expect((await get('not-a-uuid')).status).toBe(400);
  });

  it('records a failed action with its error when every provider fails', async () => {
    const marker = uniqueMarker('fail');
    const { addFault } = await import('../helpers/gateway');
    await addFault({ contains: marker, status: 500, times: 10 });
    const { id } = (await (await postAction({ action: 'ask', agent: 'visionary', input: marker })).json()) as {
      id: string;
    };
    const done = await waitForAction(id);
    expect(done.status).toBe('failed');
    expect(done.error).toContain('Every provider failed');
    const brains = (await (
      await workerFetch('/api/brains', { headers: { authorization: `Bearer ${ownerKey}` } })
    ).json()) as {
      brains: { id: string; status: string; lastError: string | null }[];
    };
    expect(brains.brains.find((brain) => brain.id === 'visionary')).toMatchObject({ status: 'error' });
  });
});

// Here rather than beside the other chat commands: these change caps and pause agents.
describe('asked from Telegram', () => {
  it('/ask from Telegram over budget says once that it waits for the budget', async () => {
    expect((await setCap('agent:drive', 0)).status).toBe(200);
    try {
      const [, waiting] = await askAgent(`/ask drive ${uniqueMarker('broke')} plan the week`, 2);
      expect(waiting).toMatch(/^drive is over budget \(waiting for budget: agent:drive day cap\); the answer follows/);
    } finally {
      await setCap('agent:drive', null);
    }
  });

  it('/ask from Telegram refuses a paused agent', async () => {
    await ask('/pause memory');
    try {
      expect(await ask('/ask memory what do we know?')).toBe('memory is paused; /resume memory first.');
    } finally {
      await ask('/resume memory');
    }
  });
});
