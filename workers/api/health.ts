import { createRoute, z } from '@hono/zod-openapi';
import { runHealthChecks } from '../../src/observability/health';
import { createRouter } from '../http/create-app';
import { errorResponses } from '../http/responses';

const check = z
  .object({
    name: z.string(),
    status: z.enum(['ok', 'degraded', 'down', 'not_configured']),
    latencyMs: z.number().int(),
    core: z.boolean().describe('A core check failing makes the whole Worker unhealthy (503)'),
    detail: z.string().optional(),
    fake: z.boolean().optional().describe('The dependency answered from a local fake, not a real service'),
  })
  .openapi('HealthCheck');

const report = z
  .object({
    status: z.enum(['ok', 'degraded', 'down']),
    environment: z.string(),
    version: z.string(),
    checkedAt: z.string().describe('UTC ISO time of the check'),
    checks: z.array(check),
  })
  .openapi('HealthReport');

const content = { 'application/json': { schema: report } };

export const healthRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/api/health',
    summary: 'One check per dependency, run in parallel with a timeout each',
    responses: {
      ...errorResponses,
      200: { description: 'The core (D1, Durable Objects) is up', content },
      503: { description: 'A core dependency is down', content },
    },
  }),
  async (c) => {
    const { config, services } = c.var;
    const result = await runHealthChecks(services.healthChecks(), config.healthTimeoutMs);
    const body = {
      status: result.status,
      environment: config.environment,
      version: config.version,
      checkedAt: new Date().toISOString(),
      checks: result.checks,
    };
    for (const failing of result.checks.filter((check) => check.status === 'down' || check.status === 'degraded')) {
      c.var.log.warn('health check not ok', { check: failing.name, status: failing.status, detail: failing.detail });
    }
    c.header('Cache-Control', 'no-store');
    return result.status === 'down' ? c.json(body, 503) : c.json(body, 200);
  },
);
