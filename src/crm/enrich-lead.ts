import type { LeadRow } from '../db/crm-schema';
import type { D1Db } from '../db/d1';
import { leadSubject } from '../llm/cache-subjects';
import type { ChatRequest, ChatResult } from '../llm/types';
import { enrichmentMessages, missingFields, readEnrichment } from './enrich';
import { toColumns } from './lead-input';
import { addEvent, changeLead } from './lead-store';

export interface ChatClient {
  chat(request: ChatRequest): Promise<ChatResult>;
}

export interface EnrichContext {
  actor: string;
  requestId: string;
  now(): number;
}

/** What an enrichment asked and got; also the data of its lead event. */
export type Enrichment = {
  called: boolean;
  missing: string[];
  filled: string[];
  requestId?: string;
  model?: string;
  provider?: string;
  costMicros?: number;
  cached?: boolean;
  rejected?: { field: string; reason: string }[];
  ignored?: string[];
  error?: string;
};

export type EnrichOutcome =
  | { ok: true; lead: LeadRow; enrichment: Enrichment }
  | { ok: false; reason: 'no_notes' | 'stale' };

/**
 * Asks the model for the missing BANT inputs, saves only those that validate, and rescores. The
 * call is recorded as an enrichment event whatever came back, since it was paid for.
 */
export async function enrichLead(
  db: D1Db,
  llm: ChatClient,
  lead: LeadRow,
  context: EnrichContext,
): Promise<EnrichOutcome> {
  const notes = lead.notes?.trim();
  if (!notes) return { ok: false, reason: 'no_notes' };
  const missing = missingFields(lead);
  if (missing.length === 0) return { ok: true, lead, enrichment: { called: false, missing, filled: [] } };
  const result = await llm.chat({
    messages: enrichmentMessages(notes, missing),
    maxTokens: 400,
    temperature: 0,
    json: true,
    taskClass: 'simple',
    subjects: [leadSubject(lead.id)],
    scopes: { agent: 'numbers', task: 'crm-enrich', client: context.actor },
    requestId: context.requestId,
  });
  const reading = readEnrichment(result.text, missing);
  const filled = Object.keys(reading.patch);
  const enrichment: Enrichment = {
    called: true,
    requestId: context.requestId,
    model: result.model,
    provider: result.provider,
    costMicros: result.costMicros,
    cached: result.cached,
    missing,
    filled,
    rejected: reading.rejected,
    ignored: reading.ignored,
    ...(reading.error ? { error: reading.error } : {}),
  };
  const event = { kind: 'enrichment' as const, data: enrichment };
  const now = context.now();
  if (filled.length === 0) {
    await addEvent(db, lead.id, event, context.actor, now);
    return { ok: true, lead, enrichment };
  }
  const changed = await changeLead(db, lead, toColumns(reading.patch), {
    actor: context.actor,
    now,
    reason: 'enriched',
    events: [event],
  });
  if (changed.ok) return { ok: true, lead: changed.lead, enrichment };
  await addEvent(
    db,
    lead.id,
    { kind: 'enrichment', data: { ...enrichment, filled: [], error: 'the lead changed meanwhile' } },
    context.actor,
    now,
  );
  return { ok: false, reason: 'stale' };
}
