import { createRoute, z } from '@hono/zod-openapi';
import type { EngagementSnapshotRow, EngagementTotalsRow } from '../../src/db/engagement-schema';
import { engagementGroupings, engagementSummary, itemEngagement } from '../../src/engagement/engagement-query';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { EngagementSummarySchema, ItemEngagementSchema } from './schemas/content-engagement';

const reader = requireRole('owner', 'operator', 'readonly');
const DAY = 86_400_000;
const MAX_SPAN = 366 * DAY;

const iso = (at: number | null | undefined) => (at ? new Date(at).toISOString() : null);

const xMetrics = (
  row: Pick<EngagementSnapshotRow, 'impressions' | 'likes' | 'reposts' | 'replies' | 'quotes' | 'bookmarks'>,
) => ({
  impressions: row.impressions,
  likes: row.likes,
  reposts: row.reposts,
  replies: row.replies,
  quotes: row.quotes,
  bookmarks: row.bookmarks,
});

const emailCounts = (row: EngagementTotalsRow | undefined) => ({
  delivered: row?.delivered ?? 0,
  opened: row?.opened ?? 0,
  clicked: row?.clicked ?? 0,
  bounced: row?.bounced ?? 0,
  complained: row?.complained ?? 0,
});

const summaryQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe('Went out at or after; default 30 days ago'),
  to: z.iso.datetime({ offset: true }).optional().describe('Went out before; default now'),
  groupBy: z.enum(engagementGroupings).default('channel'),
});

export const contentEngagementRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/content/items/{id}/engagement',
      middleware: [reader] as const,
      summary: 'What one published item earned: X metrics (latest and every reading) and e-mail events',
      request: { params: z.object({ id: z.uuid() }) },
      responses: {
        200: jsonResponse(ItemEngagementSchema, 'The item’s engagement (zeros before any)'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { item, totals, snapshots } = await itemEngagement(c.var.services.d1, c.req.valid('param').id);
      const zero = { impressions: 0, likes: 0, reposts: 0, replies: 0, quotes: 0, bookmarks: 0 };
      return c.json(
        {
          itemId: item.id,
          channel: item.channel,
          format: totals?.format ?? null,
          postedAt: iso(totals?.postedAt ?? item.publishedAt),
          metricsReadAt: iso(totals?.metricsReadAt),
          ...xMetrics(totals ?? zero),
          ...emailCounts(totals),
          snapshots: snapshots.map((row) => ({ readAt: iso(row.readAt) ?? '', posts: row.posts, ...xMetrics(row) })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/content/engagement',
      middleware: [reader] as const,
      summary: 'Engagement of everything that went out in a window, by channel, format, idea or posting hour',
      description:
        'Publications (X, newsletter) and sales e-mails (channel `sales_email`; their idea is the sequence), counted by when they went out.',
      request: { query: summaryQuery },
      responses: { 200: jsonResponse(EngagementSummarySchema, 'One line per group'), ...errorResponses },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const to = query.to ? Date.parse(query.to) : Date.now();
      const from = query.from ? Date.parse(query.from) : to - 30 * DAY;
      if (from >= to) throw new AppError('invalid_request', 'from must be before to', { param: 'from' });
      if (to - from > MAX_SPAN) throw new AppError('invalid_request', 'At most 366 days at once', { param: 'from' });
      const timezone = c.var.config.workflows.timezone;
      const groups = await engagementSummary(c.var.services.d1, { from, to, timezone }, query.groupBy);
      return c.json(
        { from: new Date(from).toISOString(), to: new Date(to).toISOString(), groupBy: query.groupBy, groups },
        200,
      );
    },
  );
