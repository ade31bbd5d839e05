import { createRoute, z } from '@hono/zod-openapi';
import { agentObject, dashboardEvents } from '../../durable-objects/clients';
import { agentIds } from '../../src/agents/personas';
import { createRouter } from '../http/create-app';
import { errorResponses } from '../http/responses';
import { authorizeSocket, withProtocol } from '../http/socket-auth';

const socketQuery = z.object({
  token: z
    .string()
    .max(4_096)
    .optional()
    .describe('A JWT from POST /api/auth/token; better sent as the subprotocol bearer.<jwt> beside empire'),
});

export const liveRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/ws',
      summary: 'The dashboard stream: agent status, results and tokens, budget alerts',
      request: { query: socketQuery },
      responses: { 101: { description: 'Switching to WebSocket' }, ...errorResponses },
    }),
    async (c) => {
      const { protocol } = await authorizeSocket(c, c.req.valid('query').token);
      return withProtocol(await dashboardEvents(c.env).fetch(c.req.raw), protocol);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/ws/agents/{agent}',
      summary: "One agent's stream",
      request: { query: socketQuery, params: z.object({ agent: z.enum(agentIds) }) },
      responses: { 101: { description: 'Switching to WebSocket' }, ...errorResponses },
    }),
    async (c) => {
      const { protocol } = await authorizeSocket(c, c.req.valid('query').token);
      const { agent } = c.req.valid('param');
      const url = new URL(c.req.url);
      url.searchParams.set('agent', agent);
      return withProtocol(await agentObject(c.env, agent).fetch(new Request(url, c.req.raw)), protocol);
    },
  );
