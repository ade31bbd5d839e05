import { createRoute, z } from '@hono/zod-openapi';
import { findLead } from '../../src/crm/lead-store';
import { enrolLeads, enrolMatching, setEnrolmentStatus } from '../../src/sales/enrol';
import {
  createSequence,
  deleteSequence,
  enrolmentsOf,
  enrolmentsOfLead,
  findSegment,
  findSequence,
  listSequences,
  sendsOf,
  updateSequence,
} from '../../src/sales/sales-store';
import { presentEnrolment, presentSend, presentSequence } from '../../src/sales/sales-view';
import { sequenceInputSchema, sequencePatchSchema } from '../../src/sales/sequence-input';
import { businessReader, requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import {
  EnrolmentListSchema,
  EnrolmentSchema,
  EnrolResultSchema,
  LeadSalesSchema,
  SendListSchema,
  SequenceListSchema,
  SequenceSchema,
} from './schemas/sales';

const reader = requireRole('owner', 'operator', 'readonly');
const writer = requireRole('owner', 'operator');
const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

const idParam = z.object({ id: z.uuid() });
const leadParam = z.object({ id: z.uuid(), leadId: z.uuid() });
const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
const enrolBody = z
  .object({
    leadIds: z
      .array(z.uuid())
      .min(1)
      .max(500)
      .optional()
      .describe('These leads; default every matching lead of the segment'),
  })
  .strict();
const statusBody = z.object({ status: z.enum(['active', 'replied', 'bounced', 'completed']) }).strict();
const sendsQuery = limitQuery.extend({ sequenceId: z.uuid().optional(), leadId: z.uuid().optional() });

const duplicate = () => new AppError('conflict', 'A sequence with this name already exists');

async function sequenceOr404(db: Parameters<typeof findSequence>[0], id: string) {
  const sequence = await findSequence(db, id);
  if (!sequence) throw new AppError('not_found', 'No such sequence');
  return sequence;
}

export const salesRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/sales/sequences',
      middleware: [reader] as const,
      summary: 'Every email sequence',
      responses: { 200: jsonResponse(SequenceListSchema, 'The sequences'), ...errorResponses },
    }),
    async (c) => c.json({ items: (await listSequences(c.var.services.d1)).map(presentSequence) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/sales/sequences',
      middleware: [writer] as const,
      summary: 'Create a sequence for a segment: ordered steps, each a delay after the previous one and a template',
      description:
        'Templates may use {{name}}, {{firstName}}, {{company}}, {{title}}, {{personalisation}} and {{unsubscribeUrl}}.',
      request: { body: jsonBody(sequenceInputSchema) },
      responses: { 201: jsonResponse(SequenceSchema, 'The sequence'), ...errorResponses },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const db = c.var.services.d1;
      if (!(await findSegment(db, input.segmentId)))
        throw new AppError('invalid_request', 'No such segment', { field: 'segmentId' });
      const saved = await createSequence(db, input, Date.now());
      if (!saved.ok) throw duplicate();
      return c.json(presentSequence(saved.row), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/sales/sequences/{id}',
      middleware: [reader] as const,
      summary: 'A sequence',
      request: { params: idParam },
      responses: { 200: jsonResponse(SequenceSchema, 'The sequence'), ...errorResponses },
    }),
    async (c) => c.json(presentSequence(await sequenceOr404(c.var.services.d1, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/sales/sequences/{id}',
      middleware: [writer] as const,
      summary: 'Rename, pause or resume a sequence, or replace its steps (enrolled leads keep their place)',
      request: { params: idParam, body: jsonBody(sequencePatchSchema) },
      responses: { 200: jsonResponse(SequenceSchema, 'The sequence'), ...errorResponses },
    }),
    async (c) => {
      const saved = await updateSequence(c.var.services.d1, c.req.valid('param').id, c.req.valid('json'), Date.now());
      if (!saved) throw new AppError('not_found', 'No such sequence');
      if (!saved.ok) throw duplicate();
      return c.json(presentSequence(saved.row), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/sales/sequences/{id}',
      middleware: [writer] as const,
      summary: 'Delete a sequence and its enrolments; the send history stays',
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      if (!(await deleteSequence(c.var.services.d1, c.req.valid('param').id)))
        throw new AppError('not_found', 'No such sequence');
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/sales/sequences/{id}/enrol',
      middleware: [writer] as const,
      summary:
        'Enrol leads: named ones, or every matching lead of the segment. A lead is in a sequence once; unsubscribed addresses never',
      request: { params: idParam, body: jsonBody(enrolBody) },
      responses: { 200: jsonResponse(EnrolResultSchema, 'What happened to each lead'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const sequence = await sequenceOr404(db, c.req.valid('param').id);
      const { leadIds } = c.req.valid('json');
      if (leadIds) return c.json(await enrolLeads(db, sequence.id, [...new Set(leadIds)], Date.now()), 200);
      const segment = await findSegment(db, sequence.segmentId);
      if (!segment) throw new AppError('conflict', 'The sequence has no segment');
      return c.json({ enrolled: await enrolMatching(db, sequence, segment.rules, Date.now()) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/sales/sequences/{id}/leads',
      middleware: [businessReader] as const,
      summary: 'The leads in a sequence with their status and next step',
      request: { params: idParam, query: limitQuery },
      responses: { 200: jsonResponse(EnrolmentListSchema, 'Enrolments'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const sequence = await sequenceOr404(db, c.req.valid('param').id);
      const rows = await enrolmentsOf(db, sequence.id, c.req.valid('query').limit);
      return c.json({ items: rows.map((row) => presentEnrolment(row, sequence.steps.length)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/sales/sequences/{id}/leads/{leadId}',
      middleware: [writer] as const,
      summary: "Set a lead's status in a sequence (e.g. replied stops further steps); an unsubscribe cannot be undone",
      request: { params: leadParam, body: jsonBody(statusBody) },
      responses: { 200: jsonResponse(EnrolmentSchema, 'The enrolment'), ...errorResponses },
    }),
    async (c) => {
      const { id, leadId } = c.req.valid('param');
      const sequence = await sequenceOr404(c.var.services.d1, id);
      const row = await setEnrolmentStatus(c.var.services.d1, id, leadId, c.req.valid('json').status, Date.now());
      if (!row) throw new AppError('not_found', 'The lead is not in this sequence, or has unsubscribed');
      return c.json(presentEnrolment(row, sequence.steps.length), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/sales/leads/{id}',
      middleware: [businessReader] as const,
      summary: "A lead's sequences and the emails it was sent",
      request: { params: idParam },
      responses: { 200: jsonResponse(LeadSalesSchema, 'Enrolments and sends'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const lead = await findLead(db, c.req.valid('param').id);
      if (!lead) throw new AppError('not_found', 'No such lead');
      const [enrolled, sent] = await Promise.all([
        enrolmentsOfLead(db, lead.id),
        sendsOf(db, { leadId: lead.id }, 500),
      ]);
      return c.json(
        { leadId: lead.id, sequences: enrolled.map((row) => presentEnrolment(row)), sends: sent.map(presentSend) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/sales/sends',
      middleware: [businessReader] as const,
      summary: 'Sent emails, newest first, by sequence or lead',
      request: { query: sendsQuery },
      responses: { 200: jsonResponse(SendListSchema, 'Sends'), ...errorResponses },
    }),
    async (c) => {
      const { limit, ...where } = c.req.valid('query');
      return c.json({ items: (await sendsOf(c.var.services.d1, where, limit)).map(presentSend) }, 200);
    },
  );
