import { beforeAll, describe, expect, it } from 'vitest';
import { newLead } from '../crm/crm-helpers';
import type { ErrorShape } from '../helpers/fetch';
import { createKey } from '../helpers/keys';
import { api, created, marker, newSegment, type Segment } from './sales-helpers';

let operatorKey = '';
let readonlyKey = '';

beforeAll(async () => {
  operatorKey = await createKey('operator');
  readonlyKey = await createKey('readonly');
});

interface Members {
  items: { id: string; email: string; score: number }[];
  total: number;
}

describe('happy', () => {
  it('previews the leads matching score, source and industry rules', async () => {
    const tag = marker('fire');
    const strong = { budgetAmount: 20_000, authorityLevel: 'decision_maker', painLevel: 5, timelineDays: 20 };
    const match = await newLead(operatorKey, { company: `${tag} Facility GmbH`, source: 'X', ...strong });
    const referral = await newLead(operatorKey, {
      company: 'Hotel Ost',
      notes: `needs a ${tag} audit`,
      source: 'referral',
      ...strong,
    });
    await newLead(operatorKey, { company: `${tag} Weak Ltd`, source: 'x' });
    await newLead(operatorKey, { company: `${tag} Wrong Source`, source: 'website', ...strong });
    await newLead(operatorKey, { company: `${tag} Lost AG`, source: 'x', status: 'lost', ...strong });
    const segment = await newSegment(operatorKey, { minScore: 60, sources: ['x', 'referral'], industries: [tag] });
    expect(segment.rules).toEqual({ minScore: 60, sources: ['x', 'referral'], industries: [tag] });
    const members = await created<Members>(api(`/api/sales/segments/${segment.id}/members`, operatorKey), 200);
    expect(members.items.map((lead) => lead.id).sort()).toEqual([match.id, referral.id].sort());
    expect(members.total).toBe(2);
    const detail = await created<Segment & { size: number }>(
      api(`/api/sales/segments/${segment.id}`, operatorKey),
      200,
    );
    expect(detail.size).toBe(2);
  });

  it('lists, renames and deletes a segment', async () => {
    const segment = await newSegment(operatorKey, { companies: ['Acme'] });
    const renamed = await created<Segment>(
      api(`/api/sales/segments/${segment.id}`, operatorKey, { method: 'PUT', json: { name: `${segment.name}-2` } }),
      200,
    );
    expect(renamed.name).toBe(`${segment.name}-2`);
    const list = await created<{ items: Segment[] }>(api('/api/sales/segments', operatorKey), 200);
    expect(list.items.map((item) => item.id)).toContain(segment.id);
    expect((await api(`/api/sales/segments/${segment.id}`, operatorKey, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/sales/segments/${segment.id}`, operatorKey)).status).toBe(404);
  });
});

describe('errors', () => {
  it('refuses rules outside the rule language with a field-level 400', async () => {
    for (const rules of [
      { minScore: 101 },
      { minScore: 80, maxScore: 20 },
      { sources: [] },
      { industry: ['typo'] },
      { statuses: ['dreaming'] },
      'minScore > 60',
    ]) {
      const response = await api('/api/sales/segments', operatorKey, {
        method: 'POST',
        json: { name: marker('bad'), rules },
      });
      expect(response.status, JSON.stringify(rules)).toBe(400);
      expect(((await response.json()) as ErrorShape).error.code).toBe('invalid_request');
    }
  });

  it('answers 409 for a duplicate name and for deleting a segment in use', async () => {
    const segment = await newSegment(operatorKey, { minScore: 10 });
    const again = await api('/api/sales/segments', operatorKey, {
      method: 'POST',
      json: { name: segment.name, rules: {} },
    });
    expect(again.status).toBe(409);
    await created(
      api('/api/sales/sequences', operatorKey, {
        method: 'POST',
        json: { name: marker('seq'), segmentId: segment.id, steps: [{ subject: 's', body: 'b' }] },
      }),
    );
    const deleting = await api(`/api/sales/segments/${segment.id}`, operatorKey, { method: 'DELETE' });
    expect(deleting.status).toBe(409);
  });

  it('answers 404 for unknown ids and 400 for malformed ones and bodies', async () => {
    expect((await api(`/api/sales/segments/${crypto.randomUUID()}`, operatorKey)).status).toBe(404);
    expect((await api('/api/sales/segments/not-a-uuid', operatorKey)).status).toBe(400);
    const malformed = await api('/api/sales/segments', operatorKey, {
      method: 'POST',
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorShape).error.code).toBe('malformed_json');
  });
});

describe('security', () => {
  it('needs a key to read and owner or operator to write', async () => {
    expect((await api('/api/sales/segments', undefined)).status).toBe(401);
    const write = await api('/api/sales/segments', readonlyKey, {
      method: 'POST',
      json: { name: marker('x'), rules: {} },
    });
    expect(write.status).toBe(403);
  });

  it('treats rule text as data, never as SQL or LIKE syntax', async () => {
    const tag = marker('quote');
    const lead = await newLead(operatorKey, { company: `O'Brien ${tag} 100%_Ltd` });
    await newLead(operatorKey, { company: `Other ${tag}` });
    const injected = await newSegment(operatorKey, { companies: [`' or 1=1 --`] });
    const none = await created<Members>(api(`/api/sales/segments/${injected.id}/members`, operatorKey), 200);
    expect(none.total).toBe(0);
    const wildcard = await newSegment(operatorKey, { companies: ['%_'] });
    const literal = await created<Members>(api(`/api/sales/segments/${wildcard.id}/members`, operatorKey), 200);
    expect(literal.items.map((item) => item.id)).toEqual([lead.id]);
  });
});
