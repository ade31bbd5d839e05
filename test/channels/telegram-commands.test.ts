import { describe, expect, it } from 'vitest';
import { workerFetch } from '../helpers/fetch';
import { uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { ask, commandUpdate, OTHER_ALLOWED_CHAT, sendUpdate, waitForReplies } from './telegram-helpers';

/** Sends /ask and returns the texts posted under it once `count` of them are there. */
async function askAgent(text: string, count: number): Promise<string[]> {
  const { update, messageId } = commandUpdate(text);
  expect((await sendUpdate(update)).status).toBe(200);
  return (await waitForReplies(messageId, count)).map((reply) => reply.body.text);
}

async function createLead(name: string): Promise<string> {
  const response = await workerFetch('/api/crm/leads', {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, email: `${name}@example.com`, company: 'Chat Test GmbH', title: 'CEO' }),
  });
  if (response.status !== 201) throw new Error(`lead not created: ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

describe('happy', () => {
  it('/status reports agents, budget and the queue', async () => {
    const text = await ask('/status');
    expect(text).toMatch(/Agents: /);
    expect(text).toMatch(/Budget today: [\d.]+ EUR spent/);
    expect(text).toMatch(/Queue: \d+ active run\(s\), \d+ deferred call\(s\) waiting/);
  });

  it('/budget lists the global day and month windows in the budget currency', async () => {
    const text = await ask('/budget');
    expect(text).toMatch(/^Budget \(EUR\)/);
    expect(text).toMatch(/global:\* day: [\d.]+ EUR spent, cap [\d.]+ EUR/);
    expect(text).toMatch(/global:\* month: /);
  });

  it('/spend totals the ledger per day', async () => {
    expect(await ask('/spend 3')).toMatch(/^Spend, last 3 day\(s\): [\d.]+ EUR/);
  });

  it('/alerts lists the alerts of the current windows', async () => {
    expect(await ask('/alerts')).toMatch(/^(Alerts \(\d+\)|No budget alerts in the current day and month\.)/);
  });

  it('/leads searches the CRM and /lead shows one lead', async () => {
    const name = uniqueMarker('chatlead');
    const id = await createLead(name);
    const found = await ask(`/leads ${name}`);
    expect(found).toContain(`Leads matching "${name}"`);
    expect(found).toContain(id);
    expect(await ask('/leads')).toMatch(/^Newest leads/);
    const detail = await ask(`/lead ${id}`);
    expect(detail).toMatch(new RegExp(`^${name}, Chat Test GmbH`));
    expect(detail).toMatch(/BANT: budget \d+, authority \d+/);
  });

  it('/pause and /resume change an agent', async () => {
    expect(await ask('/pause memory')).toBe('memory is now paused.');
    expect(await ask('/resume memory')).toMatch(/^memory is now (idle|working)\.$/);
  });

  it('/ask queues the question to the agent and posts its answer under it', async () => {
    const marker = uniqueMarker('chatask');
    // Drive answers without tools, so the fake's plain answer comes straight back.
    const [queued, answer] = await askAgent(`/ask Drive ${marker} what is our margin?`, 2);
    const actionId = /^Asked drive; the answer follows here \(action ([0-9a-f-]{36})\)\.$/.exec(queued ?? '')?.[1];
    expect(actionId).toBeDefined();
    expect(answer).toMatch(/^drive: \[fake\]/);
    const action = (await (
      await workerFetch(`/api/actions/${actionId}`, { headers: { authorization: `Bearer ${ownerKey}` } })
    ).json()) as { status: string; input: string; result: string };
    expect(action).toMatchObject({ status: 'done', input: `${marker} what is our margin?` });
    expect(answer).toBe(`drive: ${action.result}`);
  });

  it('/run starts a task run with the text as its first input', async () => {
    const text = await ask(`/run content_generation ${uniqueMarker('topic')}`);
    expect(text).toMatch(/^Started content_generation: 1 job\(s\)/);
    expect(text).toMatch(/Run [0-9a-f-]{36}/);
  });
});

describe('errors', () => {
  it('answers bad arguments with the usage, not an error', async () => {
    expect(await ask('/lead 42')).toMatch(/^Usage: \/lead <id>/);
    expect(await ask('/pause everyone')).toMatch(/^Usage: \/pause <agent>, one of visionary/);
    expect(await ask('/spend 1000')).toMatch(/^Usage: \/spend/);
    expect(await ask('/run')).toMatch(/^Usage: \/run <task>/);
    expect(await ask('/ask')).toMatch(/^Usage: \/ask <agent> <question>/);
    expect(await ask('/ask nobody what now?')).toMatch(/^Usage: \/ask <agent> <question>, the agent one of visionary/);
    expect(await ask('/ask ceo')).toMatch(/^Usage: \/ask/);
    expect(await ask('/ask ceo what now?', OTHER_ALLOWED_CHAT)).toBe("Only the owner's chat may use /ask.");
  });

  it('says when a lead, a task or an input does not exist', async () => {
    expect(await ask(`/lead ${crypto.randomUUID()}`)).toMatch(/^No lead /);
    expect(await ask('/run no_such_task')).toMatch(/^No task no_such_task/);
    expect(await ask('/run content_generation {"topic": ')).toMatch(/does not parse/);
    expect(await ask(`/leads ${uniqueMarker('nobody')}`)).toMatch(/^No leads match/);
  });
});
