import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { newLead, uniqueEmail } from '../crm/crm-helpers';
import { ownerKey } from '../helpers/keys';
import { manualOrder, report } from '../sales/conversion-helpers';
import { ask, OTHER_ALLOWED_CHAT } from './telegram-helpers';

/** A manual order no lead has the address of: listed as unmatched. */
async function unmatchedSale(): Promise<string> {
  const response = await manualOrder(ownerKey, 'fiverr', { buyerEmail: uniqueEmail('stranger') });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('the owner links sales and reads what was learnt from Telegram', () => {
  it('/sales lists a sale without a lead and /link credits it to the lead who bought', async () => {
    const saleId = await unmatchedSale();
    const listed = await ask('/sales');
    expect(listed).toMatch(/^Sales without a lead, newest first:\n1\. /);
    expect(listed).toContain(`${saleId}\n  fiverr Audit 150.50 EUR`);

    const lead = await newLead(ownerKey, { source: 'fiverr' });
    expect(await ask(`/link ${saleId} ${lead.id}`)).toBe(`Linked sale ${saleId} to lead ${lead.id}.`);
    expect(await ask(`/link ${saleId} ${lead.id}`)).toBe(`Sale ${saleId} was already linked to lead ${lead.id}.`);
    expect(await ask('/sales')).not.toContain(saleId);
    expect((await report(ownerKey)).bySource.find((group) => group.source === 'fiverr')?.convertedLeads).toBe(1);
  });

  it('/insights shows the latest patterns with their figures, by area', async () => {
    const text = 'Leads from webinar converted at 40.0% (2 of 5 leads) over the last 30 days.';
    await env.DB.prepare(
      "insert into insights (area, dimension, key, figures, text, computed_at) values ('sales', 'source', 'webinar', '{}', ?, ?)",
    )
      .bind(text, Date.now())
      .run();
    expect(await ask('/insights sales')).toBe(`What worked lately:\n- ${text}`);
    expect(await ask('/insights content')).toBe(
      'Nothing learnt yet: the learning run needs published posts or sales to read.',
    );
    expect(await ask('/insights everything')).toBe('Usage: /insights [content|sales]');
  });
});

describe('errors', () => {
  it('/link refuses malformed ids, unknown sales and leads, and chats other than the owner', async () => {
    const usage = 'Usage: /link <sale id> <lead id>, the sale as /sales shows it and the lead as /leads shows it';
    expect(await ask('/link')).toBe(usage);
    expect(await ask('/link only-one')).toBe(usage);
    expect(await ask('/link a-sale not-a-uuid')).toBe(usage);
    const saleId = await unmatchedSale();
    expect(await ask(`/link ${saleId} 00000000-0000-4000-8000-000000000000`)).toBe(
      'No lead 00000000-0000-4000-8000-000000000000',
    );
    const lead = await newLead(ownerKey, {});
    expect(await ask(`/link no-such-sale ${lead.id}`)).toBe('No sale no-such-sale');
    expect(await ask(`/link ${saleId} ${lead.id}`, OTHER_ALLOWED_CHAT)).toBe("Only the owner's chat may use /link.");
  });
});
