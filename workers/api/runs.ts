import { createRoute, z } from '@hono/zod-openapi';
import { swarmRunObject } from '../../durable-objects/clients';
import { listRuns } from '../../src/reactor/run-index';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { authorizeSocket, withProtocol } from '../http/socket-auth';
import { RunListSchema, RunViewSchema } from './schemas/runs';

const idParam = z.object({ id: z.uuid() });

async function runStatus(env: Env, id: string) {
  const status = await swarmRunObject(env, id).status();
  if (!status) throw new AppError('not_found', 'No such run');
  return status;
}

const view = (status: Awaited<ReturnType<typeof runStatus>>) => ({
  ...status.progress,
  createdAt: new Date(status.progress.createdAt).toISOString(),
  endedAt: status.progress.endedAt ? new Date(status.progress.endedAt).toISOString() : null,
  results: status.resultJson ? (JSON.parse(status.resultJson) as unknown) : null,
  failures: status.failures,
});

export const runRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/runs',
      middleware: [requireRole('owner', 'operator', 'readonly')] as const,
      summary: 'Swarm runs, newest first',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: { 200: jsonResponse(RunListSchema, 'Runs'), ...errorResponses },
    }),
    async (c) => {
      const postgres = c.var.services.postgres();
      if (!postgres) throw new AppError('unavailable', 'Swarm runs need Postgres (DATABASE_URL)');
      const rows = await listRuns(postgres.db, c.req.valid('query').limit);
      return c.json(
        {
          runs: rows.map((row) => ({
            ...row,
            createdAt: row.createdAt.toISOString(),
            endedAt: row.endedAt?.toISOString() ?? null,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/runs/{id}',
      middleware: [requireRole('owner', 'operator', 'readonly')] as const,
      summary: 'A run: total, queued, running, done, failed, cost and results',
      request: { params: idParam },
      responses: { 200: jsonResponse(RunViewSchema, 'The run'), ...errorResponses },
    }),
    async (c) => c.json(view(await runStatus(c.env, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/runs/{id}/cancel',
      middleware: [requireRole('owner', 'operator')] as const,
      summary: 'Cancel a run: every job not yet reported ends as cancelled; spend reported later still counts',
      request: { params: idParam },
      responses: { 200: jsonResponse(RunViewSchema, 'The run'), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await runStatus(c.env, id);
      await swarmRunObject(c.env, id).cancel();
      return c.json(view(await runStatus(c.env, id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/ws/runs/{id}',
      summary: "A run's live progress",
      request: { params: idParam, query: z.object({ token: z.string().max(4_096).optional() }) },
      responses: { 101: { description: 'Switching to WebSocket' }, ...errorResponses },
    }),
    async (c) => {
      const { protocol } = await authorizeSocket(c, c.req.valid('query').token);
      const { id } = c.req.valid('param');
      await runStatus(c.env, id);
      return withProtocol(await swarmRunObject(c.env, id).fetch(c.req.raw), protocol);
    },
  );
