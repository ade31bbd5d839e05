import { createRoute, z } from '@hono/zod-openapi';
import { listCursor, searchCursor } from '../../src/crm/cursor';
import { enrichLead } from '../../src/crm/enrich-lead';
import { createLeadSchema, toColumns, updateLeadSchema } from '../../src/crm/lead-input';
import { listLeads, searchLeads } from '../../src/crm/lead-query';
import {
  addEvent,
  type ChangeResult,
  changeLead,
  createLead,
  findLead,
  findLeadWithEvents,
} from '../../src/crm/lead-store';
import { presentEvent, presentLead } from '../../src/crm/lead-view';
import { pipelineSummary } from '../../src/crm/pipeline-summary';
import { leadStatuses } from '../../src/db/crm-schema';
import type { D1Db } from '../../src/db/d1';
import { matchSalesOfNewLead } from '../../src/revenue/conversions';
import { auditNote } from '../http/audit';
import { businessReader, requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse, llmErrorResponses } from '../http/responses';
import {
  EnrichedLeadSchema,
  LeadEventSchema,
  LeadHitPageSchema,
  LeadPageSchema,
  LeadSchema,
  LeadWithEventsSchema,
  PipelineSchema,
} from './schemas/crm';

const reader = requireRole('owner', 'operator', 'readonly');
const writer = requireRole('owner', 'operator');
const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

const idParam = z.object({ id: z.uuid() });
const cursor = z.string().max(200).optional().describe('nextCursor of the previous page');
/** Which leads a list or an export covers. */
export const leadFilters = z.object({
  status: z.enum(leadStatuses).optional(),
  source: z.string().trim().min(1).max(100).optional(),
  minScore: z.coerce.number().int().min(0).max(100).optional(),
});
const listQuery = leadFilters.extend({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor });
const searchQuery = z.object({
  q: z
    .string()
    .min(1)
    .max(200)
    .describe('Words to find in name, company, email, title, need and notes; all must occur'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor,
});
const outreachBody = z
  .object({
    channel: z.enum(['email', 'phone', 'linkedin', 'meeting', 'other']),
    summary: z.string().trim().min(1).max(2_000),
    at: z.iso.datetime({ offset: true }).optional().describe('When it happened; default now'),
  })
  .strict();

async function leadOr404(db: D1Db, id: string) {
  const lead = await findLead(db, id);
  if (!lead) throw new AppError('not_found', `No lead ${id}`);
  return lead;
}

function refused(result: Exclude<ChangeResult, { ok: true }>): never {
  if (result.reason === 'transition') {
    const next = result.allowed.length ? result.allowed.join(', ') : 'none, it is final';
    throw new AppError('conflict', `A ${result.from} lead cannot move to ${result.to}; allowed: ${next}`, {
      from: result.from,
      to: result.to,
      allowed: result.allowed,
    });
  }
  if (result.reason === 'duplicate')
    throw new AppError('conflict', 'A lead with this email already exists', { existingId: result.existingId });
  throw new AppError('conflict', 'The lead changed while this request ran; read it again and retry');
}

const badCursor = () => new AppError('invalid_request', 'The cursor is not valid');

export const crmRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/crm/leads',
      middleware: [businessReader] as const,
      summary: 'Leads, newest first, filtered by status, source and minimum score',
      request: { query: listQuery },
      responses: { 200: jsonResponse(LeadPageSchema, 'A page of leads with nextCursor'), ...errorResponses },
    }),
    async (c) => {
      const { limit, cursor: token, ...where } = c.req.valid('query');
      const after = token === undefined ? undefined : listCursor.decode(token);
      if (token !== undefined && !after) throw badCursor();
      const page = await listLeads(c.var.services.d1, where, limit, after);
      return c.json({ items: page.items.map(presentLead), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/crm/pipeline',
      middleware: [reader] as const,
      summary: 'Lead counts by status and the best-scored open leads',
      request: { query: z.object({ top: z.coerce.number().int().min(1).max(50).default(5) }) },
      responses: {
        200: jsonResponse(PipelineSchema, 'Counts by status, total and the top open leads'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const summary = await pipelineSummary(c.var.services.d1, c.req.valid('query').top);
      // The counts are for everyone; the leads themselves are personal data, not for readonly keys.
      const top = c.var.principal.role === 'readonly' ? [] : summary.top.map(presentLead);
      return c.json({ counts: summary.counts, total: summary.total, top }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/crm/leads/search',
      middleware: [businessReader] as const,
      summary: 'Full-text search, best match first; the text is matched literally, never as query syntax',
      request: { query: searchQuery },
      responses: { 200: jsonResponse(LeadHitPageSchema, 'A page of hits with nextCursor'), ...errorResponses },
    }),
    async (c) => {
      const { q, limit, cursor: token } = c.req.valid('query');
      const after = token === undefined ? undefined : searchCursor.decode(token);
      if (token !== undefined && !after) throw badCursor();
      const page = await searchLeads(c.var.services.d1, q, limit, after);
      const items = page.items.map((hit) => ({ ...presentLead(hit.lead), relevance: -hit.rank }));
      return c.json({ items, nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/crm/leads',
      middleware: [writer] as const,
      summary: 'Create a lead; it is scored at once. A known email (any case) answers 409 with the existing id',
      request: { body: jsonBody(createLeadSchema) },
      responses: { 201: jsonResponse(LeadSchema, 'The lead'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const now = Date.now();
      const created = await createLead(db, c.req.valid('json'), c.var.principal.clientId, now);
      if (!created.ok)
        throw new AppError('conflict', 'A lead with this email already exists', { existingId: created.existingId });
      auditNote(c, { target: { type: 'leads', id: created.lead.id } });
      const lead = await matchSalesOfNewLead(db, created.lead, { actor: c.var.principal.clientId, now });
      return c.json(presentLead(lead), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/crm/leads/{id}',
      middleware: [businessReader] as const,
      summary: 'A lead with its BANT breakdown and recent events',
      request: { params: idParam },
      responses: { 200: jsonResponse(LeadWithEventsSchema, 'The lead'), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await findLeadWithEvents(c.get('services').d1, id);
      if (!found) throw new AppError('not_found', `No lead ${id}`);
      return c.json({ ...presentLead(found.lead), events: found.events.map(presentEvent) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/crm/leads/{id}',
      middleware: [writer] as const,
      summary: 'Change some fields; a status may only move forward or to lost, and BANT changes rescore',
      request: { params: idParam, body: jsonBody(updateLeadSchema) },
      responses: { 200: jsonResponse(LeadSchema, 'The lead'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const lead = await leadOr404(db, c.req.valid('param').id);
      const changed = await changeLead(db, lead, toColumns(c.req.valid('json')), {
        actor: c.var.principal.clientId,
        now: Date.now(),
        reason: 'updated',
      });
      if (!changed.ok) refused(changed);
      return c.json(presentLead(changed.lead), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/crm/leads/{id}/score',
      middleware: [writer] as const,
      summary: 'Recalculate the BANT score (a target date moves closer every day); kept in the score history',
      request: { params: idParam },
      responses: { 200: jsonResponse(LeadSchema, 'The lead'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const lead = await leadOr404(db, c.req.valid('param').id);
      const options = { actor: c.var.principal.clientId, now: Date.now(), reason: 'requested', rescore: true } as const;
      const changed = await changeLead(db, lead, {}, options);
      if (!changed.ok) refused(changed);
      return c.json(presentLead(changed.lead), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/crm/leads/{id}/enrich',
      middleware: [writer] as const,
      summary: 'Let the LLM fill missing BANT inputs from the notes (validated before saving), then rescore',
      request: { params: idParam },
      responses: {
        200: jsonResponse(EnrichedLeadSchema, 'The lead and what the model filled'),
        ...llmErrorResponses,
      },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const lead = await leadOr404(db, c.req.valid('param').id);
      const context = { actor: c.var.principal.clientId, requestId: c.var.requestId, now: () => Date.now() };
      const outcome = await enrichLead(db, c.var.services.llm(), lead, context);
      if (!outcome.ok && outcome.reason === 'no_notes') throw new AppError('conflict', 'The lead has no notes to read');
      if (!outcome.ok) refused({ ok: false, reason: 'stale' });
      return c.json({ lead: presentLead(outcome.lead), enrichment: outcome.enrichment }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/crm/leads/{id}/outreach',
      middleware: [writer] as const,
      summary: 'Record an outreach (email, call, meeting …) in the lead history',
      request: { params: idParam, body: jsonBody(outreachBody) },
      responses: { 201: jsonResponse(LeadEventSchema, 'The event'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const lead = await leadOr404(db, c.req.valid('param').id);
      const { channel, summary, at } = c.req.valid('json');
      const now = Date.now();
      const data = { channel, summary, happenedAt: at ? new Date(at).toISOString() : new Date(now).toISOString() };
      const event = await addEvent(db, lead.id, { kind: 'outreach', data }, c.var.principal.clientId, now);
      return c.json(presentEvent(event), 201);
    },
  );
