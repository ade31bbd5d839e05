import { createRoute, z } from '@hono/zod-openapi';
import { findDeferral } from '../../src/llm/deferral-query';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { DeferralSchema } from './schemas/actions';

export const deferralRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/api/deferrals/{id}',
    middleware: [requireRole('owner', 'operator', 'readonly')] as const,
    summary: 'A call deferred by a budget cap: its state, and its result once it ran',
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 200: jsonResponse(DeferralSchema, 'The deferral'), ...errorResponses },
  }),
  async (c) => {
    const deferral = await findDeferral(c.var.services.d1, c.req.valid('param').id);
    if (!deferral) throw new AppError('not_found', 'No such deferral');
    return c.json(deferral, 200);
  },
);
