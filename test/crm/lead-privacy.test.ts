import { env } from 'cloudflare:workers';
import { eq, inArray } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { beforeAll, describe, expect, it } from 'vitest';
import { addressHash } from '../../src/crm/erased-addresses';
import { leads } from '../../src/db/crm-schema';
import * as d1Schema from '../../src/db/d1-schema';
import { revenueEvents } from '../../src/db/revenue-schema';
import { suppressionHashes, suppressions, unsubscribeTokens } from '../../src/db/sales-schema';
import { enrolLeads } from '../../src/sales/enrol';
import { isSuppressed } from '../../src/sales/unsubscribe';
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
    expect((await crm(`/leads/${lead.id}/export`, operatorKey)).status).toBe(403);
    const response = await crm(`/leads/${lead.id}/export`, ownerKey);
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
    expect((await crm(`/leads/${lead.id}`, operatorKey, { method: 'DELETE' })).status).toBe(403);
    const response = await crm(`/leads/${lead.id}`, ownerKey, { method: 'DELETE' });
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
    expect((await crm(`/leads/${lead.id}`, ownerKey, { method: 'DELETE' })).status).toBe(404);
    expect((await crm(`/leads/${lead.id}/export`, ownerKey)).status).toBe(404);
  });
});

describe('audit entries on their way to Postgres', () => {
  it('lose their details when they name the erased lead, and only those', async () => {
    const lead = await newLead(ownerKey);
    const naming = { entryId: crypto.randomUUID(), action: 'test.privacy', details: { to: lead.email.toUpperCase() } };
    const other = { entryId: crypto.randomUUID(), action: 'test.privacy', details: { to: 'someone@example.com' } };
    const storedAt = Date.now();
    await db.insert(d1Schema.auditOutbox).values([
      { entryId: naming.entryId, entry: naming, storedAt },
      { entryId: other.entryId, entry: other, storedAt },
    ]);
    expect((await crm(`/leads/${lead.id}`, ownerKey, { method: 'DELETE' })).status).toBe(200);
    const entries = await db
      .select()
      .from(d1Schema.auditOutbox)
      .where(inArray(d1Schema.auditOutbox.entryId, [naming.entryId, other.entryId]))
      .all();
    const byId = new Map(entries.map((row) => [row.entryId, row.entry]));
    expect(byId.get(naming.entryId)).toEqual({ ...naming, details: {} });
    expect(byId.get(other.entryId)).toEqual(other);
  });
});

describe('errors', () => {
  it('refuses a malformed id, an unknown lead and a caller without a key', async () => {
    for (const [path, method] of [
      ['/export', 'GET'],
      ['', 'DELETE'],
    ] as const) {
      const bad = await crm(`/leads/not-a-uuid${path}`, ownerKey, { method });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
      const unknown = await crm(`/leads/${crypto.randomUUID()}${path}`, ownerKey, { method });
      expect(unknown.status).toBe(404);
      expect((await crm(`/leads/${crypto.randomUUID()}${path}`, undefined, { method })).status).toBe(401);
    }
  });

  it('no longer answers the old paths', async () => {
    const lead = await newLead(ownerKey);
    expect((await crm(`/leads/${lead.id}/data`, ownerKey)).status).toBe(404);
    expect((await crm(`/leads/${lead.id}/erase`, ownerKey, { method: 'POST' })).status).toBe(404);
    expect((await crm(`/leads/${lead.id}`, ownerKey)).status).toBe(200);
  });
});

describe('the hashed do-not-email list', () => {
  const hashed = async (email: string) =>
    db
      .select()
      .from(suppressionHashes)
      .where(eq(suppressionHashes.emailHash, await addressHash(email)))
      .get();
  const plain = (email: string) => db.select().from(suppressions).where(eq(suppressions.emailNormalized, email)).get();

  it('keeps only the hash of an erased address, with the opt-out reason it had', async () => {
    const lead = await newLead(ownerKey);
    await db.insert(suppressions).values({ emailNormalized: lead.email, reason: 'bounced', at: Date.now() });
    expect((await crm(`/leads/${lead.id}`, ownerKey, { method: 'DELETE' })).status).toBe(200);
    expect(await plain(lead.email)).toBeUndefined();
    expect(await hashed(lead.email)).toMatchObject({ reason: 'bounced' });
    expect((await hashed(lead.email))?.emailHash).toMatch(/^[0-9a-f]{64}$/);
    // Any case or padding of the address is the same person.
    expect(await isSuppressed(db, ` ${lead.email.toUpperCase()} `)).toBe(true);

    const never = await newLead(ownerKey);
    expect((await crm(`/leads/${never.id}`, ownerKey, { method: 'DELETE' })).status).toBe(200);
    expect(await hashed(never.email)).toMatchObject({ reason: 'erased' });
  });

  it('keeps a returning address off every mailing, whether created or imported', async () => {
    const first = await newLead(ownerKey, { name: 'Come Back' });
    await crm(`/leads/${first.id}`, ownerKey, { method: 'DELETE' });
    const again = await newLead(ownerKey, { name: 'Come Back', email: first.email });
    expect(await plain(first.email)).toMatchObject({ reason: 'erased' });
    const exported = (await (await crm(`/leads/${again.id}/export`, ownerKey)).json()) as { doNotEmail: boolean };
    expect(exported.doNotEmail).toBe(true);
    const enrolled = await enrolLeads(db, crypto.randomUUID(), [again.id], Date.now());
    expect(enrolled).toMatchObject({ enrolled: [], suppressed: [again.id] });

    const imported = await newLead(ownerKey);
    await crm(`/leads/${imported.id}`, ownerKey, { method: 'DELETE' });
    const csv = `name,email\nBack Again,${imported.email.toUpperCase()}\nSomeone Else,${crypto.randomUUID()}@example.com\n`;
    const response = await crm('/leads/import', ownerKey, {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(response.status).toBeLessThan(300);
    expect(await plain(imported.email)).toMatchObject({ reason: 'erased' });
  });

  it('refuses an erased address at the send even when no plain entry came back', async () => {
    const lead = await newLead(ownerKey);
    const row = await db.select().from(leads).where(eq(leads.id, lead.id)).get();
    if (!row) throw new Error('the lead was not stored');
    await crm(`/leads/${lead.id}`, ownerKey, { method: 'DELETE' });
    // As a restore of an older backup would bring it back, without passing through any import.
    const { seq: _seq, ...restored } = row;
    await db.insert(leads).values(restored);
    expect(await plain(lead.email)).toBeUndefined();
    expect(await isSuppressed(db, lead.email)).toBe(true);
    const enrolled = await enrolLeads(db, crypto.randomUUID(), [lead.id], Date.now());
    expect(enrolled.suppressed).toEqual([lead.id]);
  });
});
