import { createRoute, z } from '@hono/zod-openapi';
import { postingPlan } from '../../src/config/content-config';
import { listItems, publicationsOf, publishedBetween } from '../../src/content/item-query';
import {
  approveItem,
  findItem,
  itemEvents,
  type MoveResult,
  moveItem,
  scheduleItem,
} from '../../src/content/item-store';
import { presentContentEvent, presentItem, presentPublication } from '../../src/content/item-view';
import { listCursor } from '../../src/crm/cursor';
import { contentChannels, contentStatuses } from '../../src/db/content-schema';
import type { D1Db } from '../../src/db/d1';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { ContentItemSchema, ContentItemWithEventsSchema, ContentPageSchema, PublishedSchema } from './schemas/content';

const reader = requireRole('owner', 'operator', 'readonly');
const writer = requireRole('owner', 'operator');
const _jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const optionalBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

const idParam = z.object({ id: z.uuid() });
const channel = z.enum(contentChannels);
const listQuery = z.object({
  status: z.enum(contentStatuses).optional(),
  channel: channel.optional(),
  ideaId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});
const rejectBody = z.object({ reason: z.string().trim().max(1_000).optional() }).strict();
const rescheduleBody = z
  .object({ at: z.iso.datetime({ offset: true }).optional().describe('An exact time; default the next free slot') })
  .strict();
const publishedQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe('Default 7 days ago'),
  to: z.iso.datetime({ offset: true }).optional().describe('Default now'),
  channel: channel.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

async function itemOr404(db: D1Db, id: string) {
  const item = await findItem(db, id);
  if (!item) throw new AppError('not_found', `No content item ${id}`);
  return item;
}

function moved(result: MoveResult) {
  if (result.ok) return result.item;
  if (result.reason === 'transition') {
    const next = result.allowed.length ? result.allowed.join(', ') : 'none, it is final';
    throw new AppError('conflict', `A ${result.from} item cannot become ${result.to}; allowed: ${next}`, {
      from: result.from,
      to: result.to,
      allowed: result.allowed,
    });
  }
  if (result.reason === 'no_slot') throw new AppError('conflict', 'That slot is taken or none is free');
  throw new AppError('conflict', 'The item changed while this request ran; read it again and retry');
}

async function withPublication(db: D1Db, item: Awaited<ReturnType<typeof itemOr404>>) {
  const publications = await publicationsOf(db, [item.id]);
  return presentItem(item, publications.get(item.id));
}

export const contentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/content/items',
      middleware: [reader] as const,
      summary: 'Content items (one channel variant each), newest first, filtered by status, channel or idea',
      request: { query: listQuery },
      responses: { 200: jsonResponse(ContentPageSchema, 'A page of items with nextCursor'), ...errorResponses },
    }),
    async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      const after = cursor === undefined ? undefined : listCursor.decode(cursor);
      if (cursor !== undefined && !after) throw new AppError('invalid_request', 'The cursor is not valid');
      const db = c.var.services.d1;
      const page = await listItems(db, filter, limit, after?.s);
      const publications = await publicationsOf(
        db,
        page.items.map((item) => item.id),
      );
      return c.json(
        {
          items: page.items.map((item) => presentItem(item, publications.get(item.id))),
          nextCursor: page.nextSeq === undefined ? null : listCursor.encode(page.nextSeq),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/content/items/{id}',
      middleware: [reader] as const,
      summary: 'One item with its publication record and history',
      request: { params: idParam },
      responses: { 200: jsonResponse(ContentItemWithEventsSchema, 'The item'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const item = await itemOr404(db, c.req.valid('param').id);
      const events = await itemEvents(db, item.id);
      return c.json({ ...(await withPublication(db, item)), events: events.map(presentContentEvent) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/content/items/{id}/approve',
      middleware: [writer] as const,
      summary: 'Approve a draft: it takes the next free posting slot of its channel',
      request: { params: idParam },
      responses: { 200: jsonResponse(ContentItemSchema, 'The scheduled item'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const item = await itemOr404(db, c.req.valid('param').id);
      const plan = postingPlan(c.var.config.content, item.channel);
      const result = moved(await approveItem(db, item, plan, c.var.principal.clientId, Date.now()));
      return c.json(presentItem(result), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/content/items/{id}/reject',
      middleware: [writer] as const,
      summary: 'Reject an item that is not published yet; it is never posted',
      request: { params: idParam, body: optionalBody(rejectBody) },
      responses: { 200: jsonResponse(ContentItemSchema, 'The rejected item'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const item = await itemOr404(db, c.req.valid('param').id);
      const reason = c.req.valid('json')?.reason;
      const note = reason ? { reason } : {};
      const result = moved(
        await moveItem(db, item, 'rejected', { actor: c.var.principal.clientId, now: Date.now(), note }),
      );
      return c.json(presentItem(result), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/content/items/{id}/reschedule',
      middleware: [writer] as const,
      summary: 'Move a scheduled or failed item to a given time or to the next free slot after now',
      request: { params: idParam, body: optionalBody(rescheduleBody) },
      responses: { 200: jsonResponse(ContentItemSchema, 'The rescheduled item'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const item = await itemOr404(db, c.req.valid('param').id);
      const at = c.req.valid('json')?.at;
      const now = Date.now();
      const exact = at === undefined ? undefined : Date.parse(at);
      if (exact !== undefined && exact <= now) throw new AppError('invalid_request', 'at must be in the future');
      const plan = postingPlan(c.var.config.content, item.channel);
      const result = await scheduleItem(db, item, plan, { actor: c.var.principal.clientId, now, at: exact });
      return c.json(presentItem(moved(result)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/content/published',
      middleware: [reader] as const,
      summary: 'What was published, newest first, with remote ids; dry runs say dryRun and have none',
      request: { query: publishedQuery },
      responses: { 200: jsonResponse(PublishedSchema, 'Published items'), ...errorResponses },
    }),
    async (c) => {
      const { from, to, channel: only, limit } = c.req.valid('query');
      const end = to ? Date.parse(to) : Date.now();
      const start = from ? Date.parse(from) : end - 7 * 86_400_000;
      if (start > end) throw new AppError('invalid_request', 'from must not be after to');
      const rows = await publishedBetween(c.var.services.d1, start, end, only, limit);
      const items = rows.map((row) => ({
        id: row.item.id,
        ideaId: row.item.ideaId,
        channel: row.item.channel,
        publishedAt: new Date(row.item.publishedAt ?? 0).toISOString(),
        ...presentPublication(row.publication),
      }));
      return c.json({ from: new Date(start).toISOString(), to: new Date(end).toISOString(), items }, 200);
    },
  );
