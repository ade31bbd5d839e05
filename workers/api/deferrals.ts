import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { deferredCalls } from '../../src/db/d1-schema';
import { requireRole } from '../../src/http/auth';
import { createRouter } from '../../src/http/create-app';
import { AppError } from '../../src/http/errors';

export const deferralRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/api/deferrals/{id}',
    middleware: [requireRole('owner', 'operator', 'readonly')] as const,
    summary: 'A call deferred by a budget cap: its state, and its result once it ran',
    request: { params: z.object({ id: z.uuid() }) },
    responses: {
      200: { description: 'The deferral', content: { 'application/json': { schema: z.object({}).passthrough() } } },
    },
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
        refusal: row.refusal,
        result: row.result,
        error: row.error,
        createdAt: new Date(row.createdAt).toISOString(),
        updatedAt: new Date(row.updatedAt).toISOString(),
      },
      200,
    );
  },
);
