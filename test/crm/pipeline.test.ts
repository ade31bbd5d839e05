import { describe, expect, it } from 'vitest';
import type { ErrorShape } from '../helpers/fetch';
import { createKey, ownerKey } from '../helpers/keys';
import { crm, type Lead } from './crm-helpers';

interface Pipeline {
  counts: Record<string, number>;
  total: number;
  top: Lead[];
}

async function addLead(name: string, fields: Record<string, unknown>): Promise<Lead> {
  const response = await crm('/leads', ownerKey, {
    method: 'POST',
    json: { name, email: `${name.toLowerCase().replace(/\W/g, '.')}.${crypto.randomUUID()}@example.com`, ...fields },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Lead;
}

describe('happy', () => {
  it('counts leads by status and lists the best-scored open ones', async () => {
    const before = (await (await crm('/pipeline', ownerKey)).json()) as Pipeline;
    const strong = await addLead('Strong Lead', { title: 'CEO', budgetAmount: 50_000, painLevel: 5, timelineDays: 14 });
    const weak = await addLead('Weak Lead', {});
    const won = await addLead('Won Lead', {
      title: 'CEO',
      budgetAmount: 90_000,
      painLevel: 5,
      timelineDays: 7,
      status: 'won',
    });
    expect(strong.score).toBeGreaterThan(weak.score);

    const response = await crm('/pipeline?top=50', ownerKey);
    expect(response.status).toBe(200);
    const after = (await response.json()) as Pipeline;
    expect(after.counts.new).toBe((before.counts.new ?? 0) + 2);
    expect(after.counts.won).toBe((before.counts.won ?? 0) + 1);
    expect(after.total).toBe(before.total + 3);
    expect(Object.keys(after.counts)).toEqual(['new', 'contacted', 'qualified', 'proposal', 'won', 'lost']);
    const ids = after.top.map((lead) => lead.id);
    expect(ids).toContain(strong.id);
    expect(ids).not.toContain(won.id);
    expect(ids.indexOf(strong.id)).toBeLessThan(ids.indexOf(weak.id));
    const scores = after.top.map((lead) => lead.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

describe('errors', () => {
  it('refuses a bad top parameter', async () => {
    for (const top of ['0', '51', 'many']) {
      const response = await crm(`/pipeline?top=${top}`, ownerKey);
      expect(response.status, top).toBe(400);
      expect(((await response.json()) as ErrorShape).error.code).toBe('invalid_request');
    }
  });
});

describe('security', () => {
  it('needs a key, and a readonly key may read it', async () => {
    expect((await crm('/pipeline', undefined)).status).toBe(401);
    expect((await crm('/pipeline', await createKey('readonly'))).status).toBe(200);
  });
});
