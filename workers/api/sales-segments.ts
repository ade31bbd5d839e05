import { createRoute, z } from '@hono/zod-openapi';
import {
  createSegment,
  deleteSegment,
  findSegment,
  listSegments,
  segmentMembers,
  segmentSize,
  updateSegment,
} from '../../src/sales/sales-store';
import { presentSegment } from '../../src/sales/sales-view';
import { segmentRulesSchema } from '../../src/sales/segment-rules';
import { businessReader, requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { SegmentListSchema, SegmentMembersSchema, SegmentSchema, SegmentWithSizeSchema } from './schemas/sales';

const reader = requireRole('owner', 'operator', 'readonly');
const writer = requireRole('owner', 'operator');
const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

const idParam = z.object({ id: z.uuid() });
const segmentInput = z.object({ name: z.string().trim().min(1).max(120), rules: segmentRulesSchema }).strict();
const segmentPatch = z
  .object({ name: z.string().trim().min(1).max(120).optional(), rules: segmentRulesSchema.optional() })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Nothing to change');
const membersQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

const duplicate = () => new AppError('conflict', 'A segment with this name already exists');

export const segmentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/sales/segments',
      middleware: [reader] as const,
      summary: 'Every segment with its rules',
      responses: { 200: jsonResponse(SegmentListSchema, 'The segments'), ...errorResponses },
    }),
    async (c) => c.json({ items: (await listSegments(c.var.services.d1)).map(presentSegment) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/sales/segments',
      middleware: [writer] as const,
      summary: 'Create a segment: rules on score, source, industry keywords, company and pipeline status',
      request: { body: jsonBody(segmentInput) },
      responses: { 201: jsonResponse(SegmentSchema, 'The segment'), ...errorResponses },
    }),
    async (c) => {
      const saved = await createSegment(c.var.services.d1, c.req.valid('json'), Date.now());
      if (!saved.ok) throw duplicate();
      return c.json(presentSegment(saved.row), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/sales/segments/{id}',
      middleware: [reader] as const,
      summary: 'A segment and how many leads it holds now',
      request: { params: idParam },
      responses: { 200: jsonResponse(SegmentWithSizeSchema, 'The segment with its size'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const segment = await findSegment(db, c.req.valid('param').id);
      if (!segment) throw new AppError('not_found', 'No such segment');
      return c.json({ ...presentSegment(segment), size: await segmentSize(db, segment.rules) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/sales/segments/{id}/members',
      middleware: [businessReader] as const,
      summary: 'Preview the leads the segment holds now, best score first',
      request: { params: idParam, query: membersQuery },
      responses: { 200: jsonResponse(SegmentMembersSchema, 'Leads and the total'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const segment = await findSegment(db, c.req.valid('param').id);
      if (!segment) throw new AppError('not_found', 'No such segment');
      const items = await segmentMembers(db, segment.rules, c.req.valid('query').limit);
      return c.json({ items, total: await segmentSize(db, segment.rules) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/sales/segments/{id}',
      middleware: [writer] as const,
      summary: 'Rename a segment or replace its rules',
      request: { params: idParam, body: jsonBody(segmentPatch) },
      responses: { 200: jsonResponse(SegmentSchema, 'The segment'), ...errorResponses },
    }),
    async (c) => {
      const saved = await updateSegment(c.var.services.d1, c.req.valid('param').id, c.req.valid('json'), Date.now());
      if (!saved) throw new AppError('not_found', 'No such segment');
      if (!saved.ok) throw duplicate();
      return c.json(presentSegment(saved.row), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/sales/segments/{id}',
      middleware: [writer] as const,
      summary: 'Delete a segment no sequence uses',
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      const outcome = await deleteSegment(c.var.services.d1, c.req.valid('param').id);
      if (outcome === 'missing') throw new AppError('not_found', 'No such segment');
      if (outcome === 'in_use') throw new AppError('conflict', 'A sequence uses this segment; delete or move it first');
      return c.body(null, 204);
    },
  );
