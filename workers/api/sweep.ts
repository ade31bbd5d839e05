import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { errorResponses, jsonResponse } from '../http/responses';
import { sweep } from '../sweep';
import { SweepReportSchema } from './schemas/actions';

export const sweepRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/api/sweep',
    middleware: [requireRole('owner', 'operator')] as const,
    summary:
      'Run the sweep now (it also runs on every cron tick): workflow runs a crash left running with no progress for WORKFLOW_STALE_AFTER_MS are carried on from their first unfinished step (or failed, past WORKFLOW_MAX_RESUMES); deferred calls that are due and fit under their cap run once',
    responses: { 200: jsonResponse(SweepReportSchema, 'What the sweep resumed, failed and woke'), ...errorResponses },
  }),
  async (c) => {
    const report = await sweep({ env: c.env, config: c.var.config, services: c.var.services, log: c.var.log });
    return c.json(report, 200);
  },
);
