import { z } from 'zod';
import type { NewRevenueEvent } from '../db/revenue-schema';

// Gumroad's ping is form-encoded with every value a string (or JSON with typed values, when the
// seller switches it). Nested hashes (card[...], url_params[...]) are not needed and are dropped.

const flag = z.enum(['true', 'false']).optional();
const cents = z.string().regex(/^\d{1,13}$/, 'must be whole cents');

export const gumroadPingSchema = z.object({
  seller_id: z.string().min(1).max(200),
  sale_id: z.string().min(1).max(200),
  product_id: z.string().max(200).optional(),
  product_name: z.string().min(1).max(500),
  email: z.string().max(320).optional(),
  price: cents,
  gumroad_fee: cents.optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code'),
  sale_timestamp: z.iso.datetime({ offset: true }),
  refunded: flag,
  test: flag,
});
export type GumroadPing = z.infer<typeof gumroadPingSchema>;

/** Top-level keys as strings, whichever encoding the ping arrived in; undefined when the body is unreadable. */
export function pingFields(contentType: string, body: string): Record<string, string> | undefined {
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const fields: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(body)) if (!key.includes('[')) fields[key] = value;
    return fields;
  }
  if (contentType.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        fields[key] = String(value);
    }
    return fields;
  }
  return undefined;
}

// Currencies without a minor unit: Gumroad's amounts in them are whole units, not cents.
const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'HUF', 'TWD', 'CLP', 'VND']);

export function minorUnitsToMicros(amount: string, currency: string): number {
  return Number(amount) * (ZERO_DECIMAL.has(currency) ? 1_000_000 : 10_000);
}

/** The revenue row a sale ping stands for. */
export function pingToEvent(ping: GumroadPing, now: number): NewRevenueEvent {
  const currency = ping.currency.toUpperCase();
  const refunded = ping.refunded === 'true';
  return {
    id: crypto.randomUUID(),
    source: 'gumroad',
    externalId: ping.sale_id,
    status: refunded ? 'refunded' : 'paid',
    amountMicros: minorUnitsToMicros(ping.price, currency),
    feeMicros: ping.gumroad_fee === undefined ? null : minorUnitsToMicros(ping.gumroad_fee, currency),
    currency,
    product: ping.product_name,
    productId: ping.product_id ?? null,
    buyerEmail: ping.email ?? null,
    at: Date.parse(ping.sale_timestamp),
    recordedAt: now,
    refundedAt: refunded ? now : null,
    recordedBy: 'gumroad',
  };
}
