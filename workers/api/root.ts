import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../src/http/create-app';

const welcome = z.object({
  name: z.string(),
  version: z.string(),
  environment: z.string(),
  links: z.record(z.string(), z.string()),
});

export const rootRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'Welcome: name, version, environment and where to go next',
    responses: { 200: { description: 'Welcome', content: { 'application/json': { schema: welcome } } } },
  }),
  (c) =>
    c.json(
      {
        name: 'AI Empire',
        version: c.var.config.version,
        environment: c.var.config.environment,
        links: { health: '/api/health', docs: '/docs', openapi: '/openapi.json', brains: '/api/brains' },
      },
      200,
    ),
);
