import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ProviderAdmin } from '../../src/llm/provider-admin';
import { newProviderSchema, providerChangeSchema } from '../../src/llm/provider-definitions';
import type { AppEnv } from '../http/app-env';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { ConfiguredProviderListSchema, ConfiguredProviderSchema } from './schemas/models';

const readers = requireRole('owner', 'operator', 'readonly');
const owner = requireRole('owner');
const idParam = z.object({ id: z.string().min(1).max(64) });
const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

function admin(c: Context<AppEnv>): ProviderAdmin {
  const postgres = c.var.services.postgres();
  if (!postgres) throw new AppError('unavailable', 'Configured providers need Postgres (DATABASE_URL)');
  // Secrets are read only to say which are missing; no value leaves the Worker.
  return new ProviderAdmin(postgres.db, c.env as unknown as Record<string, unknown>);
}

export const providerRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/providers',
      middleware: [readers] as const,
      summary: 'OpenAI-compatible providers added by configuration, and whether their secrets are set',
      responses: { 200: jsonResponse(ConfiguredProviderListSchema, 'The providers'), ...errorResponses },
    }),
    async (c) => c.json({ providers: await admin(c).list() }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/providers/{id}',
      middleware: [readers] as const,
      summary: 'One provider added by configuration',
      request: { params: idParam },
      responses: { 200: jsonResponse(ConfiguredProviderSchema, 'The provider'), ...errorResponses },
    }),
    async (c) => c.json(await admin(c).get(c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/providers',
      middleware: [owner] as const,
      summary: 'Add an OpenAI-compatible provider (owner only); its key stays a Worker secret, named here',
      request: { body: jsonBody(newProviderSchema) },
      responses: { 201: jsonResponse(ConfiguredProviderSchema, 'The provider added'), ...errorResponses },
    }),
    async (c) => c.json(await admin(c).create(c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/providers/{id}',
      middleware: [owner] as const,
      summary: 'Change a provider added by configuration (owner only)',
      request: { params: idParam, body: jsonBody(providerChangeSchema) },
      responses: { 200: jsonResponse(ConfiguredProviderSchema, 'The provider as changed'), ...errorResponses },
    }),
    async (c) => c.json(await admin(c).update(c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/providers/{id}',
      middleware: [owner] as const,
      summary: 'Remove a provider with no catalogue models left (owner only)',
      request: { params: idParam },
      responses: { 200: jsonResponse(ConfiguredProviderSchema, 'The provider removed'), ...errorResponses },
    }),
    async (c) => c.json(await admin(c).remove(c.req.valid('param').id), 200),
  );
