import { createRoute, z } from '@hono/zod-openapi';
import { approveDrafts, rejectDrafts } from '../../src/content/decisions';
import { auditNote } from '../http/audit';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { errorResponses, jsonResponse } from '../http/responses';
import { ContentDecisionsSchema } from './schemas/content';

const writer = requireRole('owner', 'operator');
const MAX_IDS = 50;
const ids = z.array(z.uuid()).min(1).max(MAX_IDS).describe(`Item ids, at most ${MAX_IDS}; handled in this order`);
const approveBody = z.object({ ids }).strict();
const rejectBody = z.object({ ids, reason: z.string().trim().max(1_000).optional() }).strict();
const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

export const contentDecisionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/content/approve',
      middleware: [writer] as const,
      summary: 'Approve many drafts: each takes the next free slot of its channel within its daily cap',
      description:
        'Answers 200 with one result per id, in the order given: the slot taken (scheduledFor), or why that id was not approved.',
      request: { body: jsonBody(approveBody) },
      responses: { 200: jsonResponse(ContentDecisionsSchema, 'One result per id'), ...errorResponses },
    }),
    async (c) => {
      const { ids: wanted } = c.req.valid('json');
      auditNote(c, { details: { ids: wanted } });
      const results = await approveDrafts(
        c.var.services.d1,
        c.var.config.content,
        wanted,
        c.var.principal.clientId,
        Date.now(),
      );
      return c.json({ results }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/content/reject',
      middleware: [writer] as const,
      summary: 'Reject many drafts; a rejected item is never posted',
      request: { body: jsonBody(rejectBody) },
      responses: { 200: jsonResponse(ContentDecisionsSchema, 'One result per id'), ...errorResponses },
    }),
    async (c) => {
      const { ids: wanted, reason } = c.req.valid('json');
      auditNote(c, { details: { ids: wanted } });
      const results = await rejectDrafts(c.var.services.d1, wanted, reason, c.var.principal.clientId, Date.now());
      return c.json({ results }, 200);
    },
  );
