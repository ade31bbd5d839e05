import { env } from 'cloudflare:workers';
import { workerFetch } from '../helpers/fetch';
import { PING_SALE_BODY } from './gumroad-fixture';

export const GUMROAD_SECRET = 'test-gumroad-ping-secret-0123';
export const FORM = 'application/x-www-form-urlencoded';

/** The fixture's sale ping with some fields replaced (a fresh sale_id unless given). */
export function pingBody(changes: Record<string, string> = {}): URLSearchParams {
  const body = new URLSearchParams(PING_SALE_BODY);
  body.set('sale_id', `sale-${crypto.randomUUID()}`);
  for (const [key, value] of Object.entries(changes)) body.set(key, value);
  return body;
}

export const sendPing = (body: string | URLSearchParams, secret = GUMROAD_SECRET, contentType = FORM) =>
  workerFetch(`/webhooks/gumroad/${secret}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: body.toString(),
  });

export interface EventRow {
  id: string;
  source: string;
  external_id: string;
  status: string;
  amount_micros: number;
  fee_micros: number | null;
  currency: string;
  product: string;
  buyer_email: string | null;
  at: number;
  refunded_at: number | null;
}

export const eventsFor = async (externalId: string) =>
  (await env.DB.prepare('select * from revenue_events where external_id = ?').bind(externalId).all<EventRow>()).results;
