import { createRoute, z } from '@hono/zod-openapi';
import { agentIds } from '../../src/agents/personas';
import { authenticate } from '../../src/http/auth';
import { createRouter } from '../../src/http/create-app';
import { AppError } from '../../src/http/errors';

// Browsers cannot set headers on a WebSocket, so the token rides in the query string; only
// short-lived JWTs are accepted there, never API keys, which would then sit in access logs.
const socketQuery = z.object({ token: z.string().max(4_096).optional().describe('A JWT from POST /api/auth/token') });

async function upgradeAuthorized(c: Parameters<typeof authenticate>[0], token: string | undefined): Promise<void> {
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket')
    throw new AppError('invalid_request', 'Expected a WebSocket upgrade');
  if (!token) throw new AppError('unauthorized', 'A token query parameter is required');
  if (token.startsWith('emp_')) throw new AppError('unauthorized', 'Use a JWT, not an API key, for sockets');
  const principal = await authenticate(c, token);
  if (!principal) throw new AppError('unauthorized', 'The token is not valid');
}

export const liveRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/ws',
      summary: 'The dashboard stream: agent status, results and tokens, budget alerts',
      request: { query: socketQuery },
      responses: { 101: { description: 'Switching to WebSocket' } },
    }),
    async (c) => {
      await upgradeAuthorized(c, c.req.valid('query').token);
      return c.env.EVENTS.getByName('dashboard').fetch(c.req.raw);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/ws/agents/{agent}',
      summary: "One agent's stream",
      request: { query: socketQuery, params: z.object({ agent: z.enum(agentIds) }) },
      responses: { 101: { description: 'Switching to WebSocket' } },
    }),
    async (c) => {
      await upgradeAuthorized(c, c.req.valid('query').token);
      const { agent } = c.req.valid('param');
      const url = new URL(c.req.url);
      url.searchParams.set('agent', agent);
      return c.env.AGENTS.getByName(agent).fetch(new Request(url, c.req.raw));
    },
  );
