import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { newLead, uniqueEmail } from '../crm/crm-helpers';
import type { ErrorShape } from '../helpers/fetch';
import { createKey, ownerKey } from '../helpers/keys';
import { eventsFor, sendPing } from '../revenue/revenue-helpers';
import {
  type Conversion,
  gumroadSale,
  leadWithEvents,
  link,
  manualOrder,
  report,
  unmatched,
} from './conversion-helpers';
import { api, created, enrolSegment, marker, newSegment, newSequence } from './sales-helpers';

let readonlyKey = '';

beforeAll(async () => {
  readonlyKey = await createKey('readonly');
});

const code = async (response: Response) => ((await response.json()) as ErrorShape).error.code;
const step = [{ subject: 'Hello {{firstName}}', body: 'A note for {{company}}.', delayHours: 0 }];

describe('happy', () => {
  it('matches a Gumroad sale to the lead with the buyer e-mail, whatever its case, and moves the lead to won', async () => {
    const email = uniqueEmail('buyer');
    const lead = await newLead(ownerKey, { email: email.toUpperCase(), source: 'X', status: 'qualified' });
    const sale = await gumroadSale(email);
    expect(sale.answer).toMatchObject({ result: 'recorded', leadId: lead.id });
    const after = await leadWithEvents(ownerKey, lead.id);
    expect(after.status).toBe('won');
    const conversion = after.events.find((event) => event.kind === 'conversion');
    expect(conversion?.data).toMatchObject({
      source: 'gumroad',
      orderId: sale.saleId,
      matchedBy: 'email',
      leadSource: 'x',
    });
    expect(after.events.some((event) => event.kind === 'status' && event.data.to === 'won')).toBe(true);
    expect((await unmatched(ownerKey)).some((item) => item.orderId === sale.saleId)).toBe(false);
  });

  it('matches a manual Fiverr order to the lead it names', async () => {
    const lead = await newLead(ownerKey, { source: 'fiverr-inbox' });
    const response = await manualOrder(ownerKey, 'fiverr', { leadId: lead.id, buyerEmail: uniqueEmail('other') });
    const order = await created<{ leadId: string | null }>(response);
    expect(order.leadId).toBe(lead.id);
    const after = await leadWithEvents(ownerKey, lead.id);
    expect(after.status).toBe('won');
    expect(after.events.find((event) => event.kind === 'conversion')?.data).toMatchObject({ matchedBy: 'manual' });
    const data = await created<{ purchases: { id: string }[] }>(api(`/api/crm/leads/${lead.id}/export`, ownerKey), 200);
    expect(data.purchases).toHaveLength(1);
  });

  it('lists a sale nobody matches, links it, keeps a repeated link, and moves it only when told', async () => {
    const sale = await gumroadSale(uniqueEmail('stranger'), { price: '4500' });
    expect(sale.answer.leadId).toBeUndefined();
    const listed = (await unmatched(ownerKey)).find((item) => item.orderId === sale.saleId);
    expect(listed).toMatchObject({ source: 'gumroad', amountMicros: 45_000_000, currency: 'EUR' });
    const saleId = listed?.id ?? '';
    const first = await newLead(ownerKey, { source: 'referral' });
    const second = await newLead(ownerKey, { source: 'referral' });

    const linked = await created<{ conversion: Conversion; changed: boolean }>(
      link(ownerKey, saleId, { leadId: first.id }),
      200,
    );
    expect(linked).toMatchObject({ changed: true, conversion: { saleId, leadId: first.id, matchedBy: 'linked' } });
    expect((await unmatched(ownerKey)).some((item) => item.id === saleId)).toBe(false);
    expect((await leadWithEvents(ownerKey, first.id)).status).toBe('won');

    const again = await created<{ changed: boolean }>(link(ownerKey, saleId, { leadId: first.id }), 200);
    expect(again.changed).toBe(false);

    const elsewhere = await link(ownerKey, saleId, { leadId: second.id });
    expect(elsewhere.status).toBe(409);
    expect(await code(elsewhere)).toBe('conflict');

    const moved = await created<{ conversion: Conversion }>(
      link(ownerKey, saleId, { leadId: second.id, relink: true }),
      200,
    );
    expect(moved.conversion.leadId).toBe(second.id);
    const firstEvents = (await leadWithEvents(ownerKey, first.id)).events;
    expect(firstEvents.find((event) => event.data.unlinked === true)?.data).toMatchObject({ movedTo: second.id });
  });

  it('matches a sale made before its buyer was entered when the lead is created', async () => {
    const email = uniqueEmail('early');
    const sale = await gumroadSale(email);
    expect(sale.answer.leadId).toBeUndefined();
    const lead = await newLead(ownerKey, { email });
    expect(lead.status).toBe('won');
    expect((await unmatched(ownerKey)).some((item) => item.orderId === sale.saleId)).toBe(false);
  });

  it('matches a replayed ping whose sale was stored unmatched', async () => {
    const email = uniqueEmail('replay');
    const first = await gumroadSale(email);
    expect(first.answer.leadId).toBeUndefined();
    // Entered behind the API's back, as if the first ping's match had been lost.
    const leadId = crypto.randomUUID();
    await env.DB.prepare(
      "insert into leads (id, name, email, email_normalized, status, revision, created_at, updated_at) values (?, 'Replay', ?, ?, 'contacted', 'r1', ?, ?)",
    )
      .bind(leadId, email, email, Date.now(), Date.now())
      .run();
    const replay = await sendPing(first.body);
    expect(await replay.json()).toEqual({ saleId: first.saleId, result: 'duplicate', leadId });
    const again = await sendPing(first.body);
    expect(await again.json()).toEqual({ saleId: first.saleId, result: 'duplicate' });
    expect((await leadWithEvents(ownerKey, leadId)).status).toBe('won');
  });

  it('stops counting a conversion whose sale is refunded, and tells the lead once', async () => {
    const source = marker('refund-src-');
    const email = uniqueEmail('refund');
    const lead = await newLead(ownerKey, { email, source });
    const sale = await gumroadSale(email);
    const before = (await report(ownerKey)).bySource.find((group) => group.source === source);
    expect(before).toMatchObject({ leads: 1, convertedLeads: 1, rate: 1 });

    const refund = await gumroadSale(email, { sale_id: sale.saleId, refunded: 'true' });
    expect(refund.answer.result).toBe('refunded');
    await gumroadSale(email, { sale_id: sale.saleId, refunded: 'true' });
    const after = (await report(ownerKey)).bySource.find((group) => group.source === source);
    expect(after).toEqual({ source, leads: 1, convertedLeads: 0, rate: 0, revenue: [] });
    const refunds = (await leadWithEvents(ownerKey, lead.id)).events.filter((event) => event.data.refunded === true);
    expect(refunds).toHaveLength(1);
  });

  it('gives conversion rates by segment, lead source and sequence, in the API and /metrics', async () => {
    const company = marker('rate-co-');
    const [first, second] = [marker('src-a-'), marker('src-b-')];
    const lead = (source: string, name: string) => newLead(ownerKey, { source, company: name });
    const l1 = await lead(first, `${company} Labs`);
    await lead(first, `${company} Works`);
    const l3 = await lead(first, 'Other Ltd');
    await lead(first, 'Else Ltd');
    const l5 = await lead(second, `${company} Co`);
    await lead(second, 'Nope Inc');
    const byCompany = await newSegment(ownerKey, { companies: [company] });
    const bySource = await newSegment(ownerKey, { sources: [second] });
    const sequence = await newSequence(ownerKey, byCompany.id, step);
    expect(await enrolSegment(ownerKey, sequence.id)).toBe(3);

    await gumroadSale(l1.email, { price: '2900' });
    await gumroadSale(l1.email, { price: '1000' });
    expect((await manualOrder(ownerKey, 'consulting', { leadId: l5.id, amount: 150.5 })).status).toBe(201);
    const refunded = await gumroadSale(l3.email, { price: '2900', currency: 'usd' });
    await gumroadSale(l3.email, { sale_id: refunded.saleId, refunded: 'true' });

    const rates = await report(ownerKey);
    const eur = (amountMicros: number) => [{ currency: 'EUR', amountMicros }];
    expect(rates.bySource.find((group) => group.source === first)).toEqual({
      source: first,
      leads: 4,
      convertedLeads: 1,
      rate: 0.25,
      revenue: eur(39_000_000),
    });
    expect(rates.bySource.find((group) => group.source === second)).toEqual({
      source: second,
      leads: 2,
      convertedLeads: 1,
      rate: 0.5,
      revenue: eur(150_500_000),
    });
    expect(rates.bySegment.find((group) => group.segmentId === byCompany.id)).toEqual({
      segmentId: byCompany.id,
      name: byCompany.name,
      leads: 3,
      convertedLeads: 2,
      rate: 0.6667,
      revenue: eur(189_500_000),
    });
    expect(rates.bySegment.find((group) => group.segmentId === bySource.id)).toMatchObject({
      leads: 2,
      convertedLeads: 1,
      rate: 0.5,
    });
    expect(rates.bySequence.find((group) => group.sequenceId === sequence.id)).toMatchObject({
      name: sequence.name,
      leads: 3,
      convertedLeads: 2,
      rate: 0.6667,
    });

    const metrics = await (await api('/metrics', 'test-scrape-token-0123456789abcdef', { headers: {} })).text();
    expect(metrics).toContain(`empire_segment_conversion_rate{segment="${byCompany.name}"} 0.6667\n`);
    expect(metrics).toContain(`empire_segment_conversion_rate{segment="${bySource.name}"} 0.5\n`);
    expect(metrics).toMatch(/empire_conversions\{source="consulting"\} \d+\n/);
    expect(metrics).toMatch(/empire_unmatched_sales\{source="gumroad"\} \d+\n/);
    expect(metrics).toContain('# TYPE empire_source_conversion_rate gauge');
  });
});

describe('errors', () => {
  it('refuses a manual order for an unknown lead by name, and records nothing', async () => {
    const leadId = crypto.randomUUID();
    const orderId = `FO${crypto.randomUUID().slice(0, 10)}`;
    const response = await manualOrder(ownerKey, 'fiverr', { orderId, leadId });
    expect(response.status).toBe(404);
    const body = (await response.json()) as ErrorShape;
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toContain(leadId);
    expect(await eventsFor(orderId)).toEqual([]);
    expect((await manualOrder(ownerKey, 'fiverr', { leadId: 42 })).status).toBe(400);
  });

  it('refuses links to unknown sales and leads, malformed bodies, and refunded sales', async () => {
    const sale = await gumroadSale(uniqueEmail('nobody'));
    const saleId = (await unmatched(ownerKey)).find((item) => item.orderId === sale.saleId)?.id ?? '';
    const lead = await newLead(ownerKey);
    const missingSale = await link(ownerKey, crypto.randomUUID(), { leadId: lead.id });
    expect(missingSale.status).toBe(404);
    expect(((await missingSale.json()) as ErrorShape).error.message).toMatch(/^No sale /);
    const missingLead = await link(ownerKey, saleId, { leadId: crypto.randomUUID() });
    expect(missingLead.status).toBe(404);
    expect(((await missingLead.json()) as ErrorShape).error.message).toMatch(/^No lead /);
    for (const body of [{}, { leadId: 7 }, { leadId: lead.id, relink: 'yes' }, { leadId: lead.id, extra: 1 }])
      expect((await link(ownerKey, saleId, body)).status, JSON.stringify(body)).toBe(400);
    const malformed = await api(`/api/revenue/${saleId}/link`, ownerKey, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"leadId":',
    });
    expect(await code(malformed)).toBe('malformed_json');

    await gumroadSale(uniqueEmail('nobody'), { sale_id: sale.saleId, refunded: 'true' });
    const refunded = await link(ownerKey, saleId, { leadId: lead.id });
    expect(refunded.status).toBe(409);
    expect((await unmatched(ownerKey)).some((item) => item.id === saleId)).toBe(false);
  });

  it('refuses a report over a backwards, too long or unreadable range', async () => {
    for (const query of ['from=2026-09-11&to=2026-09-10', 'from=2020-01-01&to=2026-01-01', 'from=soon'])
      expect((await api(`/api/sales/conversions?${query}`, ownerKey)).status, query).toBe(400);
    expect((await api('/api/revenue/unmatched?limit=0', ownerKey)).status).toBe(400);
  });
});

describe('security', () => {
  it('shows buyers only to owner and operator, lets only them link, and wants a credential', async () => {
    expect((await api('/api/revenue/unmatched', readonlyKey)).status).toBe(403);
    expect((await link(readonlyKey, crypto.randomUUID(), { leadId: crypto.randomUUID() })).status).toBe(403);
    expect((await api('/api/sales/conversions', readonlyKey)).status).toBe(200);
    expect((await api('/api/revenue/unmatched', undefined)).status).toBe(401);
    expect((await api('/api/sales/conversions', undefined)).status).toBe(401);
  });
});
