import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorShape } from '../helpers/fetch';
import { createKey } from '../helpers/keys';
import { api, created } from '../sales/sales-helpers';

let operatorKey = '';
let readonlyKey = '';

beforeAll(async () => {
  operatorKey = await createKey('operator');
  readonlyKey = await createKey('readonly');
});

interface Engagement {
  id: string;
  customer: string;
  feeMicros: number;
  currency: string;
  status: string;
  nextStatuses: string[];
  invoicedAt: string | null;
  paidAt: string | null;
}

interface Revenue {
  paidMicros: Record<string, number>;
  openInvoicedMicros: Record<string, number>;
  pipelineMicros: Record<string, number>;
  paidCount: number;
}

const create = (body: Record<string, unknown>) =>
  created<Engagement>(
    api('/api/bma/engagements', operatorKey, {
      method: 'POST',
      json: { customer: 'Klinikum Süd', site: 'Haus B, Bremen', feeMicros: 4_500_000_000, ...body },
    }),
  );
const move = (id: string, json: Record<string, unknown>) =>
  api(`/api/bma/engagements/${id}`, operatorKey, { method: 'PUT', json });

const window = () => {
  const from = new Date(Date.now() - 60_000).toISOString();
  const to = new Date(Date.now() + 60_000).toISOString();
  return `/api/bma/engagements/revenue?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
};

describe('happy', () => {
  it('moves an engagement from proposed to paid and reports it as consulting revenue', async () => {
    const before = await created<Revenue>(api(window(), operatorKey), 200);
    const engagement = await create({ currency: 'EUR' });
    expect(engagement).toMatchObject({
      status: 'proposed',
      nextStatuses: ['active', 'cancelled'],
      feeMicros: 4_500_000_000,
    });
    for (const status of ['active', 'completed', 'invoiced']) {
      expect((await move(engagement.id, { status })).status).toBe(200);
    }
    const invoiced = await created<Revenue>(api(window(), operatorKey), 200);
    expect((invoiced.openInvoicedMicros.EUR ?? 0) - (before.openInvoicedMicros.EUR ?? 0)).toBe(4_500_000_000);
    const paid = await created<Engagement>(move(engagement.id, { status: 'paid' }), 200);
    expect(paid.paidAt).toMatch(/Z$/);
    expect(paid.invoicedAt).toMatch(/Z$/);
    const after = await created<Revenue>(api(window(), operatorKey), 200);
    expect((after.paidMicros.EUR ?? 0) - (before.paidMicros.EUR ?? 0)).toBe(4_500_000_000);
    expect(after.paidCount - before.paidCount).toBe(1);
    const sale = await env.DB.prepare(
      'select source, amount_micros, currency from revenue_events where external_id = ?',
    )
      .bind(`bma:${engagement.id}`)
      .all();
    expect(sale.results).toEqual([{ source: 'consulting', amount_micros: 4_500_000_000, currency: 'EUR' }]);
    const list = await created<{ items: Engagement[] }>(api('/api/bma/engagements?status=paid', operatorKey), 200);
    expect(list.items.map((item) => item.id)).toContain(engagement.id);
  });

  it('deletes a proposed engagement', async () => {
    const engagement = await create({});
    expect((await api(`/api/bma/engagements/${engagement.id}`, operatorKey, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/bma/engagements/${engagement.id}`, operatorKey)).status).toBe(404);
  });
});

describe('errors', () => {
  it('refuses backward moves, skipped steps and fee changes after invoicing', async () => {
    const engagement = await create({});
    const skip = await move(engagement.id, { status: 'paid' });
    expect(skip.status).toBe(409);
    expect(((await skip.json()) as ErrorShape).error.details).toEqual({
      from: 'proposed',
      allowed: ['active', 'cancelled'],
    });
    for (const status of ['active', 'completed', 'invoiced']) await move(engagement.id, { status });
    expect((await move(engagement.id, { status: 'active' })).status).toBe(409);
    expect((await move(engagement.id, { feeMicros: 1 })).status).toBe(409);
    expect((await api(`/api/bma/engagements/${engagement.id}`, operatorKey, { method: 'DELETE' })).status).toBe(409);
  });

  it('refuses fees that are not whole micro-units and bad windows', async () => {
    for (const body of [
      { feeMicros: 12.5 },
      { feeMicros: -1 },
      { feeMicros: '4500' },
      { currency: 'euro' },
      { status: 'paid' },
    ]) {
      const response = await api('/api/bma/engagements', operatorKey, {
        method: 'POST',
        json: { customer: 'c', site: 's', feeMicros: 1, ...body },
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const reversed = `/api/bma/engagements/revenue?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z`;
    expect((await api(reversed, operatorKey)).status).toBe(400);
    expect((await move(crypto.randomUUID(), { status: 'active' })).status).toBe(404);
  });
});

describe('security', () => {
  it('needs owner or operator to write, a key to read', async () => {
    const write = await api('/api/bma/engagements', readonlyKey, {
      method: 'POST',
      json: { customer: 'c', site: 's', feeMicros: 1 },
    });
    expect(write.status).toBe(403);
    expect((await api('/api/bma/engagements', undefined)).status).toBe(401);
  });
});
