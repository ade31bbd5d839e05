import { describe, expect, it } from 'vitest';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { ownerKey } from '../helpers/keys';
import { PING_SALE_BODY } from './gumroad-fixture';
import { eventsFor, GUMROAD_SECRET, pingBody, sendPing } from './revenue-helpers';

const code = async (response: Response) => ((await response.json()) as ErrorShape).error.code;

describe('happy', () => {
  it('stores the sale of a ping exactly as Gumroad sends it', async () => {
    const response = await sendPing(PING_SALE_BODY);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ saleId: 'Fq3kP0vR9yXb2LzT6cW8eA==', result: 'recorded' });
    const [row, ...others] = await eventsFor('Fq3kP0vR9yXb2LzT6cW8eA==');
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      source: 'gumroad',
      status: 'paid',
      amount_micros: 29_000_000,
      fee_micros: 3_770_000,
      currency: 'USD',
      product: 'Acme Pro License',
      buyer_email: 'buyer@example.com',
      at: Date.parse('2026-11-25T13:21:07Z'),
      refunded_at: null,
    });
  });

  it('reads a ping sent as JSON, with typed values', async () => {
    const saleId = `json-${crypto.randomUUID()}`;
    const fields = Object.fromEntries(pingBody({ sale_id: saleId }));
    const json = { ...fields, price: 4500, gumroad_fee: 500, refunded: false, quantity: 1 };
    const response = await sendPing(JSON.stringify(json), GUMROAD_SECRET, 'application/json');
    expect(response.status).toBe(200);
    expect((await eventsFor(saleId))[0]).toMatchObject({ amount_micros: 45_000_000, fee_micros: 5_000_000 });
  });

  it('marks a sale refunded when its refunded ping arrives, and keeps it out of the totals', async () => {
    const saleId = `refund-${crypto.randomUUID()}`;
    await sendPing(pingBody({ sale_id: saleId, sale_timestamp: '2026-10-02T08:00:00Z', product_name: 'Refund Kit' }));
    const refund = await sendPing(
      pingBody({ sale_id: saleId, sale_timestamp: '2026-10-02T08:00:00Z', refunded: 'true' }),
    );
    expect(await refund.json()).toMatchObject({ result: 'refunded' });
    const [row, ...others] = await eventsFor(saleId);
    expect(others).toEqual([]);
    expect(row?.status).toBe('refunded');
    expect(row?.refunded_at).toBeGreaterThan(Date.now() - 60_000);
    const again = await sendPing(pingBody({ sale_id: saleId, refunded: 'true' }));
    expect(again.status).toBe(200);
    expect((await eventsFor(saleId))[0]?.refunded_at).toBe(row?.refunded_at);
    const summary = (await (
      await workerFetch('/api/revenue?from=2026-10-02&to=2026-10-03', {
        headers: { authorization: `Bearer ${ownerKey}` },
      })
    ).json()) as { totals: unknown[]; byProduct: { product: string }[] };
    expect(summary.totals).toEqual([]);
    expect(summary.byProduct.map((entry) => entry.product)).not.toContain('Refund Kit');
  });

  it('stores a refund whose sale it never saw', async () => {
    const saleId = `late-${crypto.randomUUID()}`;
    expect((await sendPing(pingBody({ sale_id: saleId, refunded: 'true' }))).status).toBe(200);
    expect((await eventsFor(saleId))[0]).toMatchObject({ status: 'refunded', amount_micros: 29_000_000 });
  });
});

describe('errors', () => {
  it('stores a replayed sale once, however often and however fast it arrives', async () => {
    const body = pingBody();
    const saleId = body.get('sale_id') ?? '';
    const answers = await Promise.all([sendPing(body), sendPing(body), sendPing(body)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const results = await Promise.all(
      answers.map(async (answer) => ((await answer.json()) as { result: string }).result),
    );
    expect(results.sort()).toEqual(['duplicate', 'duplicate', 'recorded']);
    expect(await eventsFor(saleId)).toHaveLength(1);
  });

  it('answers malformed pings with a 4xx and stores nothing', async () => {
    const missing = pingBody();
    missing.delete('price');
    const noPrice = await sendPing(missing);
    expect(noPrice.status).toBe(400);
    expect(await code(noPrice)).toBe('invalid_request');
    expect(await eventsFor(missing.get('sale_id') ?? '')).toEqual([]);
    const badPrice = pingBody({ price: '29.00' });
    expect((await sendPing(badPrice)).status).toBe(400);
    expect(await eventsFor(badPrice.get('sale_id') ?? '')).toEqual([]);
    expect((await sendPing(pingBody({ sale_timestamp: 'yesterday' }))).status).toBe(400);
    const broken = await sendPing('{"seller_id": ', GUMROAD_SECRET, 'application/json');
    expect(broken.status).toBe(400);
    expect(await code(broken)).toBe('malformed_json');
    const array = await sendPing('[]', GUMROAD_SECRET, 'application/json');
    expect(array.status).toBe(400);
    const text = await sendPing('sale', GUMROAD_SECRET, 'text/plain');
    expect(text.status).toBe(415);
    expect(await code(text)).toBe('unsupported_media_type');
  });

  it('refuses an oversized body', async () => {
    const huge = pingBody({ product_name: 'x'.repeat(2 * 1024 * 1024) });
    const response = await sendPing(huge);
    expect(response.status).toBe(413);
    expect(await eventsFor(huge.get('sale_id') ?? '')).toEqual([]);
  });

  it('ignores a test purchase', async () => {
    const body = pingBody({ test: 'true' });
    const response = await sendPing(body);
    expect(await response.json()).toMatchObject({ result: 'ignored' });
    expect(await eventsFor(body.get('sale_id') ?? '')).toEqual([]);
  });
});

describe('security', () => {
  it('refuses a ping with a wrong or missing URL secret', async () => {
    const body = pingBody();
    for (const secret of ['test-gumroad-ping-secret-0124', 'test-gumroad-ping-secret-01234', 'x']) {
      const response = await sendPing(body, secret);
      expect(response.status).toBe(401);
      expect(await code(response)).toBe('unauthorized');
    }
    expect((await workerFetch('/webhooks/gumroad', { method: 'POST', body: body.toString() })).status).toBe(404);
    expect(await eventsFor(body.get('sale_id') ?? '')).toEqual([]);
  });

  it('refuses a ping that names another seller', async () => {
    const body = pingBody({ seller_id: 'someoneElse00000000000==' });
    const response = await sendPing(body);
    expect(response.status).toBe(403);
    expect(await code(response)).toBe('forbidden');
    expect(await eventsFor(body.get('sale_id') ?? '')).toEqual([]);
  });
});
