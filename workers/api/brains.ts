import { createRoute } from '@hono/zod-openapi';
import { personas } from '../../src/agents/personas';
import { brainSummaries } from '../brain-summaries';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { errorResponses, jsonResponse } from '../http/responses';
import { BrainListSchema } from './schemas/agents';

const anyRole = requireRole('owner', 'operator', 'readonly');

export const brainRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/api/brains',
    middleware: [anyRole] as const,
    summary: "The seven agents' personas and live status",
    responses: { 200: jsonResponse(BrainListSchema, 'Seven agents'), ...errorResponses },
  }),
  async (c) => {
    const snapshots = await brainSummaries(c.env);
    // Readonly keys see the agents' state and counters, not what they are working on.
    const details = c.get('principal').role !== 'readonly';
    return c.json(
      {
        brains: snapshots.map((snapshot) => {
          const { system: _system, ...persona } = personas[snapshot.agent];
          return {
            ...persona,
            status: snapshot.status,
            currentTask: details ? snapshot.currentTask : null,
            counters: snapshot.counters,
            lastError: details ? snapshot.lastError : null,
            updatedAt: new Date(snapshot.updatedAt).toISOString(),
          };
        }),
      },
      200,
    );
  },
);
