import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type DeferralPosition, findDeferral, listDeferrals } from '../../src/llm/deferral-query';
import type { AppEnv } from '../http/app-env';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { DeferralPageSchema, DeferralSchema } from './schemas/actions';

const reader = requireRole('owner', 'operator', 'readonly');

// Opaque to clients: base64url of the last row's creation time and id, checked when read back.
const position = z.object({ c: z.number().int().nonnegative(), i: z.string().max(64) }).strict();
const cursor = {
  encode: (at: DeferralPosition) =>
    btoa(JSON.stringify({ c: at.createdAt, i: at.id }))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replace(/=+$/, ''),
  decode(text: string): DeferralPosition | undefined {
    try {
      const parsed = position.safeParse(JSON.parse(atob(text.replaceAll('-', '+').replaceAll('_', '/'))));
      return parsed.success ? { createdAt: parsed.data.c, id: parsed.data.i } : undefined;
    } catch {
      return undefined;
    }
  },
};

/** The owner sees every deferral; any other caller only the calls made with its own key. */
const ownClient = (c: Context<AppEnv>) => (c.var.principal.role === 'owner' ? undefined : c.var.principal.clientId);

const listQuery = z.object({
  status: z.enum(['waiting', 'running', 'done', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});

export const deferralRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/deferrals',
      middleware: [reader] as const,
      summary: 'Calls deferred by a budget cap, newest first, filtered by status',
      description: 'The owner sees all of them; any other key only the calls made with it.',
      request: { query: listQuery },
      responses: { 200: jsonResponse(DeferralPageSchema, 'A page of deferrals with nextCursor'), ...errorResponses },
    }),
    async (c) => {
      const { status, limit, cursor: text } = c.req.valid('query');
      const after = text === undefined ? undefined : cursor.decode(text);
      if (text !== undefined && !after) throw new AppError('invalid_request', 'The cursor is not valid');
      const page = await listDeferrals(c.var.services.d1, { status, client: ownClient(c) }, limit, after);
      return c.json({ items: page.items, nextCursor: page.next ? cursor.encode(page.next) : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/deferrals/{id}',
      middleware: [reader] as const,
      summary: 'A call deferred by a budget cap: its state, and its result once it ran',
      description: "Another key's deferral is not found, except for the owner.",
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 200: jsonResponse(DeferralSchema, 'The deferral'), ...errorResponses },
    }),
    async (c) => {
      const deferral = await findDeferral(c.var.services.d1, c.req.valid('param').id, ownClient(c));
      if (!deferral) throw new AppError('not_found', 'No such deferral');
      return c.json(deferral, 200);
    },
  );
