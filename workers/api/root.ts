import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../http/create-app';
import { errorResponses } from '../http/responses';

// API clients send */* or application/json and keep getting JSON; only a browser navigation,
// which lists text/html explicitly, is redirected.
const prefersHtml = (accept: string | undefined) => Boolean(accept?.includes('text/html'));

const welcome = z
  .object({
    name: z.string(),
    version: z.string(),
    environment: z.string(),
    links: z.record(z.string(), z.string()).describe('Where to go next, by name'),
  })
  .openapi('Welcome');

export const rootRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'Welcome: name, version, environment and where to go next; browsers go to the dashboard',
    responses: {
      200: { description: 'Welcome', content: { 'application/json': { schema: welcome } } },
      302: { description: 'A browser asking for HTML is sent to /dashboard/' },
      ...errorResponses,
    },
  }),
  (c) =>
    prefersHtml(c.req.header('Accept'))
      ? c.redirect('/dashboard/', 302)
      : c.json(
          {
            name: 'AI Empire',
            version: c.var.config.version,
            environment: c.var.config.environment,
            links: {
              dashboard: '/dashboard/',
              health: '/api/health',
              docs: '/docs',
              openapi: '/openapi.json',
              brains: '/api/brains',
            },
          },
          200,
        ),
);
