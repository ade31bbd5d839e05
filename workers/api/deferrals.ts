import { createRoute, z } from '@hono/zod-openapi';
import { mayView } from '../../src/auth/scoping';
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
    const found = await findDeferral(c.var.services.d1, c.req.valid('param').id);
    // Another client's deferral is not found to a non-owner; its answer is that client's.
    if (!found || !mayView(c.var.principal, found.client)) throw new AppError('not_found', 'No such deferral');
    const { client: _client, ...deferral } = found;
    return c.json(deferral, 200);
  },
);
