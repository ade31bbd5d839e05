import { createRoute, z } from '@hono/zod-openapi';
import { insightAreas } from '../../src/db/learning-schema';
import { latestInsights } from '../../src/learning/insight-store';
import { businessReader } from '../http/auth';
import { createRouter } from '../http/create-app';
import { errorResponses, jsonResponse } from '../http/responses';
import { InsightListSchema } from './schemas/insights';

const insightQuery = z.object({
  area: z.enum(insightAreas).optional().describe('Only content or only sales patterns'),
});

export const insightRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/api/insights',
    middleware: [businessReader] as const,
    summary: 'The patterns the last learning run found, with the figures behind them',
    request: { query: insightQuery },
    responses: { 200: jsonResponse(InsightListSchema, 'By area, dimension and key'), ...errorResponses },
  }),
  async (c) => {
    const rows = await latestInsights(c.var.services.d1, c.req.valid('query').area);
    return c.json(
      { insights: rows.map((row) => ({ ...row, computedAt: new Date(row.computedAt).toISOString() })) },
      200,
    );
  },
);
