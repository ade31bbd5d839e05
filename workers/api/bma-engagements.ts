import { createRoute, z } from '@hono/zod-openapi';
import {
  changeEngagement,
  consultingRevenue,
  createEngagement,
  deleteEngagement,
  engagementInputSchema,
  engagementPatchSchema,
  findEngagement,
  listEngagements,
  presentEngagement,
} from '../../src/bma/engagements';
import { engagementStatuses } from '../../src/db/bma-schema';
import { businessReader, requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { ConsultingRevenueSchema, EngagementListSchema, EngagementSchema } from './schemas/engagements';

const reader = requireRole('owner', 'operator', 'readonly');
const writer = requireRole('owner', 'operator');
const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const idParam = z.object({ id: z.uuid() });
const revenueQuery = z.object({
  from: z.iso.datetime({ offset: true }).describe('Start of the window (inclusive)'),
  to: z.iso.datetime({ offset: true }).describe('End of the window (exclusive)'),
});

export const engagementRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/bma/engagements',
      middleware: [businessReader] as const,
      summary: 'Consulting engagements, newest first',
      request: { query: z.object({ status: z.enum(engagementStatuses).optional() }) },
      responses: { 200: jsonResponse(EngagementListSchema, 'Engagements'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        { items: (await listEngagements(c.var.services.d1, c.req.valid('query').status)).map(presentEngagement) },
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/bma/engagements',
      middleware: [writer] as const,
      summary: 'Record an engagement: customer, site, fee in micro-units',
      request: { body: jsonBody(engagementInputSchema) },
      responses: { 201: jsonResponse(EngagementSchema, 'The engagement'), ...errorResponses },
    }),
    async (c) =>
      c.json(presentEngagement(await createEngagement(c.var.services.d1, c.req.valid('json'), Date.now())), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/bma/engagements/revenue',
      middleware: [reader] as const,
      summary: 'Consulting revenue: paid in the window, open invoices and pipeline, per currency in micro-units',
      request: { query: revenueQuery },
      responses: { 200: jsonResponse(ConsultingRevenueSchema, 'Revenue figures'), ...errorResponses },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      const start = Date.parse(from);
      const end = Date.parse(to);
      if (end <= start) throw new AppError('invalid_request', 'to must be after from');
      return c.json(
        {
          from: new Date(start).toISOString(),
          to: new Date(end).toISOString(),
          ...(await consultingRevenue(c.var.services.d1, start, end)),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/bma/engagements/{id}',
      middleware: [businessReader] as const,
      summary: 'An engagement',
      request: { params: idParam },
      responses: { 200: jsonResponse(EngagementSchema, 'The engagement'), ...errorResponses },
    }),
    async (c) => {
      const row = await findEngagement(c.var.services.d1, c.req.valid('param').id);
      if (!row) throw new AppError('not_found', 'No such engagement');
      return c.json(presentEngagement(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/bma/engagements/{id}',
      middleware: [writer] as const,
      summary:
        'Change an engagement; status moves forward only: proposed, active, completed, invoiced, paid (or cancelled)',
      request: { params: idParam, body: jsonBody(engagementPatchSchema) },
      responses: { 200: jsonResponse(EngagementSchema, 'The engagement'), ...errorResponses },
    }),
    async (c) => {
      const changed = await changeEngagement(
        c.var.services.d1,
        c.req.valid('param').id,
        c.req.valid('json'),
        Date.now(),
        c.var.principal.clientId,
      );
      if (changed.ok) return c.json(presentEngagement(changed.row), 200);
      if (changed.reason === 'missing') throw new AppError('not_found', 'No such engagement');
      if (changed.reason === 'fee_locked')
        throw new AppError('conflict', 'The fee of an invoiced engagement cannot change');
      const allowed = changed.allowed.length ? changed.allowed.join(', ') : 'none, it is final';
      throw new AppError('conflict', `A ${changed.from} engagement cannot move there; allowed: ${allowed}`, {
        from: changed.from,
        allowed: changed.allowed,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/bma/engagements/{id}',
      middleware: [writer] as const,
      summary: 'Delete a proposed or cancelled engagement',
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      const outcome = await deleteEngagement(c.var.services.d1, c.req.valid('param').id);
      if (outcome === 'missing') throw new AppError('not_found', 'No such engagement');
      if (outcome === 'not_proposed')
        throw new AppError('conflict', 'Only a proposed or cancelled engagement can be deleted');
      return c.body(null, 204);
    },
  );
