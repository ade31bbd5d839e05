import { crm, type Lead, type LeadEvent } from '../crm/crm-helpers';
import { pingBody, sendPing } from '../revenue/revenue-helpers';
import { api, created } from './sales-helpers';

export interface Conversion {
  saleId: string;
  leadId: string;
  matchedBy: string;
  segmentIds: string[];
  leadSource: string | null;
  sequenceIds: string[];
}

export interface UnmatchedSale {
  id: string;
  source: string;
  orderId: string;
  amountMicros: number;
  currency: string;
  buyerEmail: string | null;
}

interface Group {
  leads: number;
  convertedLeads: number;
  rate: number;
  revenue: { currency: string; amountMicros: number }[];
}

export interface ConversionReport {
  convertedLeads: number;
  sales: number;
  unmatchedSales: number;
  bySegment: (Group & { segmentId: string; name: string })[];
  bySource: (Group & { source: string })[];
  bySequence: (Group & { sequenceId: string; name: string | null })[];
}

const DAY = 86_400_000;
/** Seconds, as Gumroad writes sale_timestamp. */
export const nowStamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A Gumroad sale made now, by `email`; answers the ping's JSON. */
export async function gumroadSale(email: string, changes: Record<string, string> = {}) {
  const body = pingBody({ email, sale_timestamp: nowStamp(), currency: 'eur', ...changes });
  const response = await sendPing(body);
  if (response.status !== 200) throw new Error(`ping answered ${response.status}: ${await response.text()}`);
  return {
    saleId: body.get('sale_id') ?? '',
    body,
    answer: (await response.json()) as { result: string; leadId?: string },
  };
}

export const manualOrder = (key: string, source: string, fields: Record<string, unknown>) =>
  api(`/api/revenue/${source}`, key, {
    method: 'POST',
    json: {
      orderId: `FO${crypto.randomUUID().slice(0, 12)}`,
      amount: 150.5,
      currency: 'EUR',
      product: 'Audit',
      ...fields,
    },
  });

export const unmatched = (key: string) =>
  created<{ items: UnmatchedSale[] }>(api('/api/revenue/unmatched?limit=200', key), 200).then((body) => body.items);

export const link = (key: string, saleId: string, body: unknown) =>
  api(`/api/revenue/${encodeURIComponent(saleId)}/link`, key, { method: 'POST', json: body });

/** The report of the two days around now: every sale these tests make falls in it. */
export const report = (key: string) => {
  const from = new Date(Date.now() - DAY).toISOString();
  const to = new Date(Date.now() + DAY).toISOString();
  return created<ConversionReport>(api(`/api/sales/conversions?from=${from}&to=${to}`, key), 200);
};

export const leadWithEvents = (key: string, id: string) =>
  created<Lead & { events: LeadEvent[] }>(crm(`/leads/${id}`, key), 200);
