import { describe, expect, it } from 'vitest';
import { crm, type Lead, newLead, uniqueEmail } from '../crm/crm-helpers';
import { postAction, waitForAction } from '../helpers/actions';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { uniqueMarker } from '../helpers/gateway';
import { createKey, ownerKey } from '../helpers/keys';
import { auditGet, auditRows, waitForAudit } from './audit-helpers';

describe('happy', () => {
  it('records a state change once, with its actor, route, target, status and the response request id', async () => {
    const response = await crm('/leads', ownerKey, {
      method: 'POST',
      json: { name: 'Audit Lead', email: uniqueEmail('audit') },
    });
    expect(response.status).toBe(201);
    const lead = (await response.json()) as Lead;
    const requestId = response.headers.get('x-request-id') ?? '';
    const page = await waitForAudit(`?target=leads:${lead.id}`, (p) => p.items.length > 0);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      actor: { kind: 'api_key', id: 'dev-owner', role: 'owner', keyPrefix: ownerKey.slice(0, 12) },
      action: 'POST /api/crm/leads',
      target: { type: 'leads', id: lead.id },
      outcome: 'ok',
      status: 201,
      costMicros: 0,
      requestId,
    });
    expect(Date.parse(page.items[0]?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);

    const update = await crm(`/leads/${lead.id}`, ownerKey, { method: 'PUT', json: { company: 'Acme' } });
    expect(update.status).toBe(200);
    const both = await waitForAudit(`?target=leads:${lead.id}`, (p) => p.items.length > 1);
    expect(both.items.map((item) => item.action)).toEqual(['PUT /api/crm/leads/:id', 'POST /api/crm/leads']);
    // Exactly one row per request, however the queue delivered it.
    expect(await auditRows('request_id = $1', [requestId])).toHaveLength(1);
  });

  it('records an agent action: the call that asked, each agent turn and the action with its cost', async () => {
    const marker = uniqueMarker('audit-ask');
    const queued = await postAction({ action: 'ask', agent: 'mouth', input: `${marker} name a product` });
    expect(queued.status).toBe(202);
    const { id } = (await queued.json()) as { id: string };
    const done = await waitForAction(id);
    expect(done.status).toBe('done');
    expect(done.costMicros).toBeGreaterThan(0);
    const page = await waitForAudit(`?target=actions:${id}`, (p) => p.items.length >= 3);
    const byAction = new Map(page.items.map((item) => [item.action, item]));
    expect(byAction.get('POST /api/action')).toMatchObject({
      actor: { kind: 'api_key', id: 'dev-owner' },
      status: 202,
      details: { kind: 'ask', agents: ['mouth'] },
    });
    expect(byAction.get('agent.turn')).toMatchObject({
      actor: { kind: 'agent', id: 'mouth' },
      outcome: 'ok',
      costMicros: done.costMicros,
      requestId: `${id}:1:mouth`,
      details: { kind: 'ask', requestedBy: 'dev-owner', provider: 'moonshot' },
    });
    expect(byAction.get('agent.ask')).toMatchObject({
      actor: { kind: 'agent', id: 'mouth' },
      outcome: 'ok',
      costMicros: done.costMicros,
      details: { requestedBy: 'dev-owner', agents: ['mouth'], turns: 1 },
    });
  });

  it('filters by actor, action and time, and pages with a cursor', async () => {
    const operator = await createKey('operator');
    const prefix = operator.slice(0, 12);
    const since = new Date().toISOString();
    const leads: Lead[] = [];
    for (let index = 0; index < 3; index += 1) leads.push(await newLead(operator));
    await crm(`/leads/${leads[0]?.id}/score`, operator, { method: 'POST' });
    const all = await waitForAudit(`?actor=${prefix}`, (p) => p.items.length >= 4);
    expect(all.items).toHaveLength(4);
    expect(all.items.every((item) => item.actor.keyPrefix === prefix && item.actor.role === 'operator')).toBe(true);
    const clientId = all.items[0]?.actor.id ?? '';
    expect(clientId).toMatch(/^key-/);

    const first = (await (await auditGet(`?actor=${clientId}&limit=3`)).json()) as {
      items: { id: number; action: string }[];
      nextCursor: string;
    };
    expect(first.items).toHaveLength(3);
    expect(first.items[0]?.action).toBe('POST /api/crm/leads/:id/score');
    const second = (await (await auditGet(`?actor=${clientId}&limit=3&cursor=${first.nextCursor}`)).json()) as {
      items: { id: number }[];
      nextCursor: string | null;
    };
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(Math.max(...second.items.map((item) => item.id))).toBeLessThan(Math.min(...first.items.map((i) => i.id)));

    const creates = await waitForAudit(
      `?actor=${prefix}&action=${encodeURIComponent('POST /api/crm/leads')}`,
      () => true,
    );
    expect(creates.items).toHaveLength(3);
    const crmPrefix = await waitForAudit(
      `?actor=${prefix}&action=${encodeURIComponent('POST /api/crm/*')}`,
      () => true,
    );
    expect(crmPrefix.items).toHaveLength(4);
    const windowed = await waitForAudit(`?actor=${prefix}&from=${since}&to=${new Date().toISOString()}`, () => true);
    expect(windowed.items).toHaveLength(4);
    const before = await waitForAudit(`?actor=${prefix}&to=${since}`, () => true);
    expect(before.items).toHaveLength(0);
  });

  it('keeps the gateway out: its calls are in the spend ledger', async () => {
    const gateway = await workerFetch('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto:simple', messages: [{ role: 'user', content: uniqueMarker('gw') }] }),
    });
    expect(gateway.status).toBe(200);
    const lead = await newLead(ownerKey);
    await waitForAudit(`?target=leads:${lead.id}`, (p) => p.items.length > 0);
    expect(await auditRows('request_id = $1', [gateway.headers.get('x-request-id')])).toHaveLength(0);
  });
});

describe('errors', () => {
  it('rejects bad filters with a 400', async () => {
    for (const query of ['?limit=0', '?limit=1000', '?cursor=abc', '?from=yesterday', '?actor=%00', '?target=a%0Ab']) {
      const response = await auditGet(query);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as ErrorShape).error.code).toBe('invalid_request');
    }
    const reversed = await auditGet('?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(reversed.status).toBe(400);
  });

  it('audits a refused call under its caller', async () => {
    const readonly = await createKey('readonly');
    const refused = await crm('/leads', readonly, { method: 'POST', json: { name: 'No', email: uniqueEmail() } });
    expect(refused.status).toBe(403);
    const page = await waitForAudit(`?actor=${readonly.slice(0, 12)}`, (p) => p.items.length > 0);
    expect(page.items[0]).toMatchObject({ action: 'POST /api/crm/leads', outcome: 'refused', status: 403 });
  });
});

describe('security', () => {
  it('is for the owner only', async () => {
    for (const role of ['operator', 'readonly'] as const) {
      const response = await auditGet('', await createKey(role));
      expect(response.status).toBe(403);
      expect(((await response.json()) as ErrorShape).error.code).toBe('forbidden');
    }
    const anonymous = await workerFetch('/api/audit');
    expect(anonymous.status).toBe(401);
  });

  it('never stores a whole key or token, wherever the client put it', async () => {
    const operator = await createKey('operator');
    const tokenResponse = await workerFetch('/api/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': operator },
      body: JSON.stringify({ apiKey: operator }),
    });
    expect(tokenResponse.status).toBe(200);
    const { token } = (await tokenResponse.json()) as { token: string };
    const created = await crm('/leads', token, {
      method: 'POST',
      headers: { 'x-request-id': `req-${ownerKey}` },
      json: { name: 'Secret Lead', email: uniqueEmail(), notes: `key ${operator} token ${token}` },
    });
    expect(created.status).toBe(201);
    const lead = (await created.json()) as Lead;
    const page = await waitForAudit(`?target=leads:${lead.id}`, (p) => p.items.length > 0);
    expect(page.items[0]?.actor).toMatchObject({ kind: 'jwt', keyPrefix: operator.slice(0, 12) });
    const tokens = await waitForAudit(`?actor=${operator.slice(0, 12)}&target=token`, (p) => p.items.length > 0);
    expect(tokens.items[0]).toMatchObject({ action: 'POST /api/auth/token', actor: { kind: 'api_key' } });
    for (const secret of [operator, ownerKey, token, token.split('.')[2] ?? token]) {
      expect(await auditRows('audit_log::text like $1', [`%${secret}%`])).toHaveLength(0);
    }
  });
});
