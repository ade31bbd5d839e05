import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import type { Refusal } from '../../src/budget/types';
import { deferredCalls } from '../../src/db/d1-schema';
import { requireRole } from '../../src/http/auth';
import { createRouter } from '../../src/http/create-app';
import { AppError } from '../../src/http/errors';
import { errorResponses, jsonResponse } from '../../src/http/responses';
import type { ChatResult } from '../../src/llm/types';
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
    const row = await c.var.services.d1
      .select()
      .from(deferredCalls)
      .where(eq(deferredCalls.id, c.req.valid('param').id))
      .get();
    if (!row) throw new AppError('not_found', 'No such deferral');
    return c.json(
      {
        id: row.id,
        status: row.status,
        attempts: row.attempts,
        notBefore: new Date(row.notBefore).toISOString(),
        // JSON columns: the deferral writes a Refusal and the router's ChatResult into them.
        refusal: row.refusal as Refusal,
        result: row.result as ChatResult | null,
        error: row.error,
        createdAt: new Date(row.createdAt).toISOString(),
        updatedAt: new Date(row.updatedAt).toISOString(),
      },
      200,
    );
  },
);
