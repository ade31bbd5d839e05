import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { swarmRunObject } from '../../durable-objects/clients';
import { viewerRequest } from '../../durable-objects/viewer';
import { mayView } from '../../src/auth/scoping';
import { listRuns } from '../../src/reactor/run-index';
import type { AppEnv } from '../http/app-env';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { authorizeSocket, withProtocol } from '../http/socket-auth';
import { RunListSchema, RunViewSchema } from './schemas/runs';

const idParam = z.object({ id: z.uuid() });

/** A run the caller may see: another client's run is not found to a non-owner. */
async function runStatus(c: Context<AppEnv>, id: string) {
  const status = await swarmRunObject(c.env, id).status();
  if (!status || !mayView(c.var.principal, status.requestedBy)) throw new AppError('not_found', 'No such run');
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
      const { principal } = c.var;
      const rows = await listRuns(
        postgres.db,
        c.req.valid('query').limit,
        principal.role === 'owner' ? undefined : principal.clientId,
      );
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
    async (c) => c.json(view(await runStatus(c, c.req.valid('param').id)), 200),
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
      await runStatus(c, id);
      await swarmRunObject(c.env, id).cancel();
      return c.json(view(await runStatus(c, id)), 200);
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
      const { protocol, principal } = await authorizeSocket(c, c.req.valid('query').token);
      c.set('principal', principal);
      const { id } = c.req.valid('param');
      await runStatus(c, id);
      return withProtocol(await swarmRunObject(c.env, id).fetch(viewerRequest(c.req.raw, principal)), protocol);
    },
  );
