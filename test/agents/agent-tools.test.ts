import { describe, expect, it } from 'vitest';
import { waitForAudit } from '../audit/audit-helpers';
import { newLead } from '../crm/crm-helpers';
import { postAction, waitForAction } from '../helpers/actions';
import { workerFetch } from '../helpers/fetch';
import { uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { call, scriptConversation } from '../helpers/web';

async function ask(agent: string, input: string) {
  const queued = await postAction({ action: 'ask', agent, input });
  expect(queued.status).toBe(202);
  const { id } = (await queued.json()) as { id: string };
  return { id, done: await waitForAction(id) };
}

/** The tool results the model was given in the conversation carrying `marker`. */
async function toolResults(marker: string): Promise<string[]> {
  const requests = await upstreamRequests(marker);
  const last = requests.at(-1)?.messages ?? [];
  return last.filter((message) => message.role === 'tool').map((message) => message.text);
}

const toolAudit = (agent: string, actionId: string) =>
  waitForAudit(`?actor=${agent}&action=agent.tool`, (page) =>
    page.items.some((item) => item.requestId?.startsWith(actionId)),
  );

describe('happy', () => {
  it('Numbers searches the CRM, reads the lead and checks the budget before answering', async () => {
    const marker = uniqueMarker('numbers-tools');
    const company = `Firm${marker.slice(-8)}`;
    const lead = await newLead(ownerKey, { name: 'Ada Brandt', company, needDescription: 'Monthly reporting' });
    await scriptConversation(marker, [
      call('crm_search', { query: company }),
      call('crm_read_lead', { id: lead.id }),
      call('budget_status', {}),
      { text: `${company} scores ${lead.score}; the budget allows outreach.` },
    ]);
    const { id, done } = await ask('numbers', `${marker} How promising is ${company}?`);
    expect(done).toMatchObject({ status: 'done', error: null });
    expect(done.result).toBe(`${company} scores ${lead.score}; the budget allows outreach.`);

    const [found, read, budget] = await toolResults(marker);
    expect(JSON.parse(found ?? '{}')).toMatchObject({ leads: [{ id: lead.id, company }] });
    expect(JSON.parse(read ?? '{}')).toMatchObject({ lead: { id: lead.id, needDescription: 'Monthly reporting' } });
    // The fake logs 8,000 characters of a message: a budget with many scopes is cut, so look, do not parse.
    expect(budget).toMatch(/^\{.*"windows":\[/);

    const audit = await toolAudit('numbers', id);
    const mine = audit.items.filter((item) => item.requestId?.startsWith(id));
    expect(mine.map((item) => [item.target?.id, item.outcome]).sort()).toEqual([
      ['budget_status', 'ok'],
      ['crm_read_lead', 'ok'],
      ['crm_search', 'ok'],
    ]);
  });

  it('Hands starts a Reactor task; an unknown task is told to the model, not fatal', async () => {
    const marker = uniqueMarker('hands-tools');
    await scriptConversation(marker, [
      call('start_task', { task: 'no_such_task', inputs: {} }),
      call('start_task', { task: 'bma_services', inputs: {} }),
      { text: 'started' },
    ]);
    const { id, done } = await ask('hands', `${marker} run the BMA services task`);
    expect(done).toMatchObject({ status: 'done', result: 'started' });
    const [unknown, started] = await toolResults(marker);
    expect(JSON.parse(unknown ?? '{}').error).toMatch(/No task named no_such_task/);
    const { runId } = JSON.parse(started ?? '{}') as { runId: string };
    const run = await workerFetch(`/api/runs/${runId}`, { headers: { authorization: `Bearer ${ownerKey}` } });
    expect(run.status).toBe(200);
    const audit = await toolAudit('hands', id);
    expect(
      audit.items
        .filter((item) => item.requestId?.startsWith(id))
        .map((item) => item.outcome)
        .sort(),
    ).toEqual(['failed', 'ok']);
  });

  it('Memory stores a lesson as its own and finds it again', async () => {
    const marker = uniqueMarker('memory-tools');
    const lesson = `Follow up ${marker} leads within two days`;
    await scriptConversation(marker, [
      call('memory_store', { text: lesson, kind: 'rule', tags: ['sales'] }),
      call('memory_search', { query: lesson, k: 1 }),
      { text: 'noted' },
    ]);
    const { done } = await ask('memory', `${marker} remember how fast to follow up`);
    expect(done).toMatchObject({ status: 'done', result: 'noted' });
    const [stored, recalled] = await toolResults(marker);
    expect(JSON.parse(stored ?? '{}')).toEqual({ stored: true });
    expect(JSON.parse(recalled ?? '{}')).toMatchObject({
      nuggets: [{ text: lesson, kind: 'rule', source: 'agent:memory' }],
    });
  });
});

describe('errors', () => {
  it('refuses arguments that break a tool schema, and answers agents without tools by streaming', async () => {
    const marker = uniqueMarker('bad-args');
    await scriptConversation(marker, [
      call('crm_read_lead', { id: '' }),
      call('crm_search', { query: 'x', limit: 500 }),
      { text: 'could not look' },
    ]);
    const { done } = await ask('numbers', `${marker} look someone up`);
    expect(done).toMatchObject({ status: 'done', result: 'could not look' });
    const results = (await toolResults(marker)).map((text) => JSON.parse(text).error);
    expect(results).toEqual([
      expect.stringMatching(/invalid arguments: id/),
      expect.stringMatching(/invalid arguments: limit/),
    ]);
    // Mouth has no tools: one streamed model call, no tool offered.
    const plain = uniqueMarker('no-tools');
    await ask('mouth', `${plain} a tagline`);
    const requests = await upstreamRequests(plain);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.excerpt).not.toContain('"tools"');
  });
});
