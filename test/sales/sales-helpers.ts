import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { createEmailSender } from '../../src/channels/email';
import { parseConfig } from '../../src/config/config';
import * as d1Schema from '../../src/db/d1-schema';
import type { SalesDeps } from '../../src/sales/send-due';
import { workerFetch } from '../helpers/fetch';

/** A call to the API with a bearer key; JSON bodies are sent as such. */
export function api(path: string, key: string | undefined, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const headers: Record<string, string> = {
    ...(key ? { authorization: `Bearer ${key}` } : {}),
    ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    ...(rest.headers as Record<string, string> | undefined),
  };
  return workerFetch(path, { ...rest, headers, body: json === undefined ? rest.body : JSON.stringify(json) });
}

export async function created<T>(response: Response | Promise<Response>, status = 201): Promise<T> {
  const answer = await response;
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as T;
}

export interface Segment {
  id: string;
  name: string;
  rules: Record<string, unknown>;
}

export interface Sequence {
  id: string;
  name: string;
  segmentId: string;
  status: string;
  steps: { index: number; delayHours: number; subject: string; body: string; personalise?: string }[];
}

export interface Enrolment {
  leadId: string;
  sequenceId: string;
  status: string;
  nextStep: number;
  lastSentAt: string | null;
  error: string | null;
}

export interface Send {
  leadId: string;
  step: number;
  status: string;
  provider: string | null;
  messageId: string | null;
  dryRun: boolean;
  personalised: boolean;
}

export const marker = (label: string) => `${label}${crypto.randomUUID().slice(0, 8)}`;

export const newSegment = (key: string, rules: Record<string, unknown>, name = marker('segment-')) =>
  created<Segment>(api('/api/sales/segments', key, { method: 'POST', json: { name, rules } }));

export const newSequence = (key: string, segmentId: string, steps: unknown[], name = marker('sequence-')) =>
  created<Sequence>(api('/api/sales/sequences', key, { method: 'POST', json: { name, segmentId, steps } }));

/** Enrols every lead of the sequence's segment; resolves with how many were enrolled. */
export const enrolSegment = async (key: string, sequenceId: string) =>
  (
    await created<{ enrolled: number }>(
      api(`/api/sales/sequences/${sequenceId}/enrol`, key, { method: 'POST', json: {} }),
      200,
    )
  ).enrolled;

/** The engine's dependencies as the workflow wires them: D1, the configured email provider (the fake). */
export function salesDeps(overrides: Partial<SalesDeps> = {}): SalesDeps {
  const config = parseConfig(env as unknown as Record<string, unknown>);
  return {
    db: drizzle(env.DB, { schema: d1Schema }),
    email: createEmailSender(config.email),
    publicBaseUrl: config.email.publicBaseUrl,
    requestId: crypto.randomUUID(),
    ...overrides,
  };
}

export const HOUR = 3_600_000;
