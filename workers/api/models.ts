import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CATALOGUE_CACHE_SECONDS } from '../../src/llm/catalogue-store';
import { ModelAdmin, modelChangeSchema, newModelSchema } from '../../src/llm/model-admin';
import type { AppEnv } from '../http/app-env';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { CatalogueModelListSchema, CatalogueModelSchema } from './schemas/models';

const readers = requireRole('owner', 'operator', 'readonly');
const owner = requireRole('owner');
const idParam = z.object({
  id: z.string().min(3).max(200).openapi({
    description: 'The catalogue id with its slash encoded, e.g. ollama%2Fmistral',
    example: 'ollama%2Fmistral',
  }),
});
const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

function admin(c: Context<AppEnv>): ModelAdmin {
  const postgres = c.var.services.postgres();
  if (!postgres) throw new AppError('unavailable', 'The model catalogue needs Postgres (DATABASE_URL)');
  return new ModelAdmin(postgres.db);
}

export const modelRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/models',
      middleware: [readers] as const,
      summary: 'The live model catalogue, inactive models included',
      responses: { 200: jsonResponse(CatalogueModelListSchema, 'The catalogue'), ...errorResponses },
    }),
    async (c) => c.json({ models: await admin(c).list(), cacheSeconds: CATALOGUE_CACHE_SECONDS }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/models/{id}',
      middleware: [readers] as const,
      summary: 'One catalogue model',
      request: { params: idParam },
      responses: { 200: jsonResponse(CatalogueModelSchema, 'The model'), ...errorResponses },
    }),
    async (c) => c.json(await admin(c).get(c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/models',
      middleware: [owner] as const,
      summary: 'Add a model (owner only); routable on this isolate at once, elsewhere within a minute',
      request: { body: jsonBody(newModelSchema) },
      responses: { 201: jsonResponse(CatalogueModelSchema, 'The model added'), ...errorResponses },
    }),
    async (c) => c.json(await admin(c).create(c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/models/{id}',
      middleware: [owner] as const,
      summary: 'Change a model’s name, prices, limits, capabilities or active flag (owner only)',
      request: { params: idParam, body: jsonBody(modelChangeSchema) },
      responses: { 200: jsonResponse(CatalogueModelSchema, 'The model as changed'), ...errorResponses },
    }),
    async (c) => c.json(await admin(c).update(c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/models/{id}',
      middleware: [owner] as const,
      summary: 'Remove a model from the catalogue (owner only); policies naming it skip it',
      request: { params: idParam },
      responses: { 200: jsonResponse(CatalogueModelSchema, 'The model removed'), ...errorResponses },
    }),
    async (c) => c.json(await admin(c).remove(c.req.valid('param').id), 200),
  );
