import { createRoute, z } from '@hono/zod-openapi';
import { agentObject, dashboardEvents } from '../../durable-objects/clients';
import { viewerRequest } from '../../durable-objects/viewer';
import { agentIds } from '../../src/agents/personas';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
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
      const { protocol, principal } = await authorizeSocket(c, c.req.valid('query').token);
      // The hub sends each socket only the events its viewer may see (src/auth/scoping.ts).
      return withProtocol(await dashboardEvents(c.env).fetch(viewerRequest(c.req.raw, principal)), protocol);
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
      const { protocol, principal } = await authorizeSocket(c, c.req.valid('query').token);
      if (principal.role === 'readonly')
        throw new AppError('forbidden', "An agent's stream needs the owner or operator role");
      const { agent } = c.req.valid('param');
      const url = new URL(c.req.url);
      url.searchParams.set('agent', agent);
      const forwarded = viewerRequest(new Request(url, c.req.raw), principal);
      return withProtocol(await agentObject(c.env, agent).fetch(forwarded), protocol);
    },
  );
