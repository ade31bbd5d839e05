import { describe, expect, it } from 'vitest';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { createKey, ownerKey } from '../helpers/keys';
import { pingBody, sendPing } from './revenue-helpers';

const as = (key: string, init: RequestInit = {}) => ({
  ...init,
  headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
});
const order = (fields: Record<string, unknown> = {}) => ({
  orderId: `FO${Math.floor(Math.random() * 1e12)}`,
  amount: 150.5,
  currency: 'EUR',
  product: 'Fire-alarm plan review',
  at: '2026-09-10T12:00:00Z',
  ...fields,
});
const post = (source: string, body: unknown, key = ownerKey) =>
  workerFetch(`/api/revenue/${source}`, as(key, { method: 'POST', body: JSON.stringify(body) }));

interface Summary {
  from: string;
  to: string;
  totals: { currency: string; amountMicros: number; count: number }[];
  bySource: { source: string; currency: string; amountMicros: number; count: number }[];
  byProduct: { source: string; product: string; amountMicros: number; count: number }[];
}

describe('happy', () => {
  it('records a Fiverr order and sums it with Gumroad sales by source and product', async () => {
    const created = await post('fiverr', order({ orderId: 'FO1234ABCD' }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ source: 'fiverr', orderId: 'FO1234ABCD', amountMicros: 150_500_000 });
    expect((await post('fiverr', order({ amount: 49.5, product: 'Logo' }))).status).toBe(201);
    expect((await post('consulting', order({ amount: 1200, product: 'BMA audit' }))).status).toBe(201);
    await sendPing(pingBody({ sale_timestamp: '2026-09-10T09:00:00Z', currency: 'eur', price: '1000' }));
    await sendPing(pingBody({ sale_timestamp: '2026-09-11T09:00:00Z' }));
    const response = await workerFetch('/api/revenue?from=2026-09-10&to=2026-09-11', as(await createKey('readonly')));
    expect(response.status).toBe(200);
    const summary = (await response.json()) as Summary;
    expect(summary.from).toBe('2026-09-10T00:00:00.000Z');
    expect(summary.totals).toEqual([{ currency: 'EUR', amountMicros: 1_410_000_000, count: 4 }]);
    expect(summary.bySource).toEqual([
      { source: 'consulting', currency: 'EUR', amountMicros: 1_200_000_000, count: 1 },
      { source: 'fiverr', currency: 'EUR', amountMicros: 200_000_000, count: 2 },
      { source: 'gumroad', currency: 'EUR', amountMicros: 10_000_000, count: 1 },
    ]);
    expect(summary.byProduct.find((entry) => entry.product === 'Logo')).toMatchObject({ amountMicros: 49_500_000 });
  });
});

describe('errors', () => {
  it('records an order id once', async () => {
    const body = order();
    expect((await post('fiverr', body)).status).toBe(201);
    const again = await post('fiverr', body);
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorShape).error.code).toBe('conflict');
    expect((await post('consulting', body)).status).toBe(201);
  });

  it('refuses malformed orders and ranges with a 400', async () => {
    for (const body of [
      order({ amount: -5 }),
      order({ amount: '12' }),
      order({ currency: 'euro' }),
      order({ orderId: '' }),
      order({ extra: true }),
      order({ at: 'last week' }),
    ]) {
      const response = await post('fiverr', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const malformed = await workerFetch('/api/revenue/fiverr', as(ownerKey, { method: 'POST', body: '{"orderId":' }));
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorShape).error.code).toBe('malformed_json');
    expect((await post('gumroad', order())).status).toBe(400);
    expect((await workerFetch('/api/revenue?from=2026-09-11&to=2026-09-10', as(ownerKey))).status).toBe(400);
    expect((await workerFetch('/api/revenue?from=2020-01-01&to=2026-01-01', as(ownerKey))).status).toBe(400);
    expect((await workerFetch('/api/revenue?from=soon', as(ownerKey))).status).toBe(400);
  });
});

describe('security', () => {
  it('lets readonly keys read but not record, and refuses anonymous callers', async () => {
    const readonly = await createKey('readonly');
    expect((await post('fiverr', order(), readonly)).status).toBe(403);
    expect((await workerFetch('/api/revenue', as(readonly))).status).toBe(200);
    expect((await workerFetch('/api/revenue')).status).toBe(401);
    expect((await workerFetch('/api/revenue/fiverr', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await post('fiverr', order(), await createKey('operator'))).status).toBe(201);
  });
});
