import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorShape } from '../helpers/fetch';
import { createKey } from '../helpers/keys';
import { crm, type Lead, type LeadEvent, newLead, uniqueEmail } from './crm-helpers';

let operatorKey = '';
let readonlyKey = '';

beforeAll(async () => {
  operatorKey = await createKey('operator');
  readonlyKey = await createKey('readonly');
});

describe('happy', () => {
  it('creates a lead, scores it and shows the breakdown with its events', async () => {
    const created = await newLead(operatorKey, {
      name: 'Anna Berg',
      company: 'Berg Logistics',
      title: 'Founder',
      budgetAmount: 12_000,
      needDescription: 'Invoices typed by hand',
      painLevel: 4,
      timelineDays: 45,
    });
    expect(created.status).toBe('new');
    expect(created.score).toBe(25 + 25 + 20 + 18);
    expect(created.nextStatuses).toEqual(['contacted', 'qualified', 'proposal', 'won', 'lost']);
    expect(created.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    const response = await crm(`/leads/${created.id}`, operatorKey);
    expect(response.status).toBe(200);
    const lead = (await response.json()) as Lead & { events: LeadEvent[] };
    expect(lead.scoreBreakdown?.parts).toContainEqual({ part: 'budget', points: 25, rule: 'budget >= 10,000 EUR' });
    expect(lead.events.map((event) => event.kind).sort()).toEqual(['created', 'score']);
  });

  it('moves a lead along the pipeline and records each move', async () => {
    const lead = await newLead(operatorKey);
    for (const status of ['contacted', 'proposal', 'won']) {
      const response = await crm(`/leads/${lead.id}`, operatorKey, { method: 'PUT', json: { status } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as Lead).status).toBe(status);
    }
    const detail = (await (await crm(`/leads/${lead.id}`, operatorKey)).json()) as { events: LeadEvent[] };
    const moves = detail.events.filter((event) => event.kind === 'status').map((event) => event.data);
    expect(moves.reverse()).toEqual([
      { from: 'new', to: 'contacted' },
      { from: 'contacted', to: 'proposal' },
      { from: 'proposal', to: 'won' },
    ]);
  });

  it('rescores when a BANT input changes, and on request', async () => {
    const lead = await newLead(operatorKey);
    expect(lead.score).toBe(0);
    const changed = await crm(`/leads/${lead.id}`, operatorKey, {
      method: 'PUT',
      json: { authorityLevel: 'influencer' },
    });
    expect(((await changed.json()) as Lead).score).toBe(15);
    const rescored = await crm(`/leads/${lead.id}/score`, operatorKey, { method: 'POST' });
    expect(rescored.status).toBe(200);
    const detail = (await (await crm(`/leads/${lead.id}`, operatorKey)).json()) as { events: LeadEvent[] };
    const reasons = detail.events.filter((event) => event.kind === 'score').map((event) => event.data.reason);
    expect(reasons).toEqual(['requested', 'updated', 'created']);
  });

  it('keeps a name change out of the score history', async () => {
    const lead = await newLead(operatorKey);
    await crm(`/leads/${lead.id}`, operatorKey, { method: 'PUT', json: { name: 'Renamed', notes: 'met at a fair' } });
    const detail = (await (await crm(`/leads/${lead.id}`, operatorKey)).json()) as Lead & { events: LeadEvent[] };
    expect(detail.name).toBe('Renamed');
    expect(detail.events.filter((event) => event.kind === 'score')).toHaveLength(1);
  });

  it('lists by status, source and minimum score, in stable pages', async () => {
    const source = `fair-${crypto.randomUUID().slice(0, 6)}`;
    const made: Lead[] = [];
    for (let i = 0; i < 5; i += 1) made.push(await newLead(operatorKey, { source, painLevel: i + 1 }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/leads?source=${source}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (await crm(query, operatorKey)).json()) as { items: Lead[]; nextCursor: string | null };
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made.map((lead) => lead.id).reverse());
    const strong = (await (await crm(`/leads?source=${source}&minScore=14`, operatorKey)).json()) as { items: Lead[] };
    expect(strong.items.map((item) => item.painLevel)).toEqual([5, 4, 3]);
    const fresh = (await (await crm(`/leads?source=${source}&status=new`, operatorKey)).json()) as { items: Lead[] };
    expect(fresh.items).toHaveLength(5);
  });

  it('records outreach in the history', async () => {
    const lead = await newLead(operatorKey);
    const response = await crm(`/leads/${lead.id}/outreach`, operatorKey, {
      method: 'POST',
      json: { channel: 'email', summary: 'Sent the case study' },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ kind: 'outreach', data: { channel: 'email' } });
  });
});

describe('errors', () => {
  it.each([
    [{ name: 'No Email' }, 'email'],
    [{ name: 'Bad', email: 'not-an-email' }, 'email'],
    [{ name: 'Bad', email: 'a@b' }, 'email'],
    [{ name: '', email: 'x@example.com' }, 'name'],
    [{ name: 'Pain', email: 'p@example.com', painLevel: 7 }, 'painLevel'],
    [{ name: 'Budget', email: 'b@example.com', budgetAmount: -5 }, 'budgetAmount'],
    [{ name: 'Cur', email: 'c@example.com', budgetCurrency: 'BTC' }, 'budgetCurrency'],
    [{ name: 'Date', email: 'd@example.com', targetDate: '2027-02-30' }, 'targetDate'],
    [{ name: 'Extra', email: 'e@example.com', score: 100 }, 'score'],
  ])('refuses a bad lead %j', async (body, field) => {
    const response = await crm('/leads', operatorKey, { method: 'POST', json: body });
    expect(response.status).toBe(400);
    const error = ((await response.json()) as ErrorShape).error;
    expect(error.code).toBe('invalid_request');
    expect(JSON.stringify(error.details)).toContain(field);
  });

  it('answers 409 with the existing id for a known email in any case', async () => {
    const email = uniqueEmail('dup');
    const first = await newLead(operatorKey, { email });
    const again = await crm('/leads', operatorKey, {
      method: 'POST',
      json: { name: 'Again', email: email.toUpperCase() },
    });
    expect(again.status).toBe(409);
    const error = ((await again.json()) as ErrorShape).error;
    expect(error).toMatchObject({ code: 'conflict', details: { existingId: first.id } });
  });

  it('refuses to take an email another lead has', async () => {
    const taken = await newLead(operatorKey);
    const lead = await newLead(operatorKey);
    const response = await crm(`/leads/${lead.id}`, operatorKey, { method: 'PUT', json: { email: taken.email } });
    expect(response.status).toBe(409);
    expect(((await response.json()) as ErrorShape).error.details).toEqual({ existingId: taken.id });
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = crypto.randomUUID();
    for (const [path, method] of [
      [`/leads/${unknown}`, 'GET'],
      [`/leads/${unknown}/score`, 'POST'],
      [`/leads/${unknown}/enrich`, 'POST'],
    ] as const) {
      const response = await crm(path, operatorKey, { method });
      expect(response.status).toBe(404);
      expect(((await response.json()) as ErrorShape).error.code).toBe('not_found');
    }
    const put = await crm(`/leads/${unknown}`, operatorKey, { method: 'PUT', json: { name: 'x' } });
    expect(put.status).toBe(404);
    expect((await crm('/leads/not-a-uuid', operatorKey)).status).toBe(400);
  });

  it.each([
    ['contacted', 'new', ['qualified', 'proposal', 'won', 'lost']],
    ['proposal', 'contacted', ['won', 'lost']],
    ['won', 'lost', []],
    ['lost', 'contacted', []],
  ])('answers 409 for %s -> %s, naming the allowed moves', async (from, to, allowed) => {
    const lead = await newLead(operatorKey, { status: from });
    const response = await crm(`/leads/${lead.id}`, operatorKey, { method: 'PUT', json: { status: to } });
    expect(response.status).toBe(409);
    const error = ((await response.json()) as ErrorShape).error;
    expect(error).toMatchObject({ code: 'conflict', details: { from, to, allowed } });
    expect(error.message).toContain(allowed.length ? allowed.join(', ') : 'final');
    const after = (await (await crm(`/leads/${lead.id}`, operatorKey)).json()) as Lead;
    expect(after.status).toBe(from);
  });

  it('refuses an empty change, unknown fields and a bad cursor', async () => {
    const lead = await newLead(operatorKey);
    expect((await crm(`/leads/${lead.id}`, operatorKey, { method: 'PUT', json: {} })).status).toBe(400);
    expect((await crm(`/leads/${lead.id}`, operatorKey, { method: 'PUT', json: { score: 99 } })).status).toBe(400);
    expect((await crm('/leads?cursor=garbage', operatorKey)).status).toBe(400);
    expect((await crm('/leads?minScore=101', operatorKey)).status).toBe(400);
    expect((await crm('/leads?status=maybe', operatorKey)).status).toBe(400);
  });
});

describe('security', () => {
  it('lets exactly one of two concurrent creates with one email win', async () => {
    const email = uniqueEmail('race');
    const responses = await Promise.all(
      [email, email.toUpperCase()].map((address) =>
        crm('/leads', operatorKey, { method: 'POST', json: { name: 'Racer', email: address } }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    const [winner, loser] = responses[0]?.status === 201 ? responses : [...responses].reverse();
    const created = (await winner?.json()) as Lead;
    const refused = (await loser?.json()) as ErrorShape;
    expect(refused.error.details).toEqual({ existingId: created.id });
  });

  it('lets one of two concurrent moves from one status win', async () => {
    const lead = await newLead(operatorKey, { status: 'proposal' });
    const responses = await Promise.all(
      ['won', 'lost'].map((status) => crm(`/leads/${lead.id}`, operatorKey, { method: 'PUT', json: { status } })),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    const detail = (await (await crm(`/leads/${lead.id}`, operatorKey)).json()) as { events: LeadEvent[] };
    expect(detail.events.filter((event) => event.kind === 'status')).toHaveLength(1);
  });

  it('requires a key, and a writing role to change anything', async () => {
    expect((await crm('/leads', undefined)).status).toBe(401);
    expect((await crm('/leads', operatorKey)).status).toBe(200);
    // Leads are personal data: readonly keys see the pipeline's counts only.
    expect((await crm('/leads', readonlyKey)).status).toBe(403);
    const lead = await newLead(operatorKey);
    const attempts = [
      crm('/leads', readonlyKey, { method: 'POST', json: { name: 'x', email: uniqueEmail() } }),
      crm(`/leads/${lead.id}`, readonlyKey, { method: 'PUT', json: { name: 'x' } }),
      crm(`/leads/${lead.id}/score`, readonlyKey, { method: 'POST' }),
      crm(`/leads/${lead.id}/enrich`, readonlyKey, { method: 'POST' }),
      crm(`/leads/${lead.id}/outreach`, readonlyKey, { method: 'POST', json: { channel: 'email', summary: 'x' } }),
      crm('/leads/import', readonlyKey, {
        method: 'POST',
        body: 'name,email\n',
        headers: { 'content-type': 'text/csv' },
      }),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(403);
  });

  it('stores text as given and answers it as JSON data', async () => {
    const name = `<script>alert(1)</script>'); drop table leads; --`;
    const lead = await newLead(operatorKey, { name });
    const detail = await crm(`/leads/${lead.id}`, operatorKey);
    expect(detail.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await detail.json()) as Lead).name).toBe(name);
  });
});
