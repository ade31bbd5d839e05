import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { beforeAll, describe, expect, it } from 'vitest';
import * as d1Schema from '../../src/db/d1-schema';
import { revenueEvents } from '../../src/db/revenue-schema';
import { unsubscribeTokens } from '../../src/db/sales-schema';
import { createKey, ownerKey } from '../helpers/keys';
import { crm, newLead } from './crm-helpers';

const db = drizzle(env.DB, { schema: d1Schema });
let operatorKey = '';

beforeAll(async () => {
  operatorKey = await createKey('operator');
});

async function leadWithRecords() {
  const lead = await newLead(ownerKey, { name: 'Erika Muster', company: 'Muster AG' });
  const outreach = await crm(`/leads/${lead.id}/outreach`, ownerKey, {
    method: 'POST',
    json: { channel: 'email', summary: 'first mail' },
  });
  expect(outreach.status).toBeLessThan(300);
  const saleId = crypto.randomUUID();
  const now = Date.now();
  await db.insert(revenueEvents).values({
    id: saleId,
    source: 'gumroad',
    externalId: saleId,
    status: 'paid',
    amountMicros: 49_000_000,
    currency: 'EUR',
    product: 'Audit',
    // The shop keeps the case the buyer typed; the match ignores it.
    buyerEmail: lead.email.toUpperCase(),
    at: now,
    recordedAt: now,
    recordedBy: 'test',
  });
  await db
    .insert(unsubscribeTokens)
    .values({ token: crypto.randomUUID(), emailNormalized: lead.email, createdAt: now });
  return { lead, saleId };
}

describe('a data subject’s requests', () => {
  it('exports everything held on a lead, to the owner only', async () => {
    const { lead, saleId } = await leadWithRecords();
    expect((await crm(`/leads/${lead.id}/data`, operatorKey)).status).toBe(403);
    const response = await crm(`/leads/${lead.id}/data`, ownerKey);
    expect(response.status).toBe(200);
    const data = (await response.json()) as {
      lead: { id: string; email: string };
      events: { kind: string }[];
      purchases: { id: string }[];
      doNotEmail: boolean;
    };
    expect(data.lead).toMatchObject({ id: lead.id, email: lead.email });
    expect(data.events.map((event) => event.kind)).toContain('outreach');
    expect(data.purchases.map((purchase) => purchase.id)).toEqual([saleId]);
    expect(data.doNotEmail).toBe(false);
  });

  it('erases a lead and its records, keeping its purchases for the books without the address', async () => {
    const { lead, saleId } = await leadWithRecords();
    expect((await crm(`/leads/${lead.id}/erase`, operatorKey, { method: 'POST' })).status).toBe(403);
    const response = await crm(`/leads/${lead.id}/erase`, ownerKey, { method: 'POST' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { removed: Record<string, number> };
    expect(body.removed).toMatchObject({ unsubscribeLinks: 1, purchasesAnonymised: 1 });
    expect(body.removed.events).toBeGreaterThanOrEqual(2);

    expect((await crm(`/leads/${lead.id}`, ownerKey)).status).toBe(404);
    const found = await crm(`/leads/search?q=${encodeURIComponent('Muster AG')}`, ownerKey);
    const hits = ((await found.json()) as { items: { id: string }[] }).items.map((hit) => hit.id);
    expect(hits).not.toContain(lead.id);
    const sale = await db.select().from(revenueEvents).where(eq(revenueEvents.id, saleId)).get();
    expect(sale).toMatchObject({ amountMicros: 49_000_000, buyerEmail: null });
    const tokens = await db.select().from(unsubscribeTokens).where(eq(unsubscribeTokens.emailNormalized, lead.email));
    expect(tokens).toEqual([]);
    expect((await crm(`/leads/${lead.id}/erase`, ownerKey, { method: 'POST' })).status).toBe(404);
    expect((await crm(`/leads/${lead.id}/data`, ownerKey)).status).toBe(404);
  });
});
