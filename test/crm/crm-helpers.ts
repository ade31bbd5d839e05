import { workerFetch } from '../helpers/fetch';

/** A call to the CRM API with a bearer key; JSON bodies are sent as such. */
export function crm(path: string, key: string | undefined, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const headers: Record<string, string> = {
    ...(key ? { authorization: `Bearer ${key}` } : {}),
    ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    ...(rest.headers as Record<string, string> | undefined),
  };
  return workerFetch(`/api/crm${path}`, {
    ...rest,
    headers,
    body: json === undefined ? rest.body : JSON.stringify(json),
  });
}

export interface Lead {
  id: string;
  name: string;
  email: string;
  company: string | null;
  status: string;
  nextStatuses: string[];
  score: number;
  scoreBreakdown: { total: number; parts: { part: string; points: number; rule: string }[]; scoredAt: string } | null;
  notes: string | null;
  budgetAmount: number | null;
  budgetCurrency: string;
  authorityRole: string | null;
  authorityLevel: string | null;
  needDescription: string | null;
  painLevel: number | null;
  timelineDays: number | null;
  targetDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface LeadEvent {
  id: number;
  kind: string;
  data: Record<string, unknown>;
  actor: string | null;
  at: string;
}

export const uniqueEmail = (label = 'lead') => `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;

export async function newLead(key: string, fields: Record<string, unknown> = {}): Promise<Lead> {
  const response = await crm('/leads', key, {
    method: 'POST',
    json: { name: 'Test Lead', email: uniqueEmail(), ...fields },
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Lead;
}
