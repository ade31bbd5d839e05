import { z } from '@hono/zod-openapi';

export const EmailWebhookResultSchema = z
  .object({
    provider: z.enum(['resend', 'sendgrid']),
    counted: z.number().int().describe('New events counted on a newsletter publication or a sales e-mail'),
    duplicates: z.number().int().describe('Events received before (a redelivery); not counted again'),
    unmatched: z.number().int().describe('New events for mail that is neither a newsletter nor a sales e-mail'),
    ignored: z.number().int().describe('Event types not counted (sent, processed, deferred, …)'),
  })
  .openapi('EmailWebhookResult');

const xMetrics = {
  impressions: z.number().int(),
  likes: z.number().int(),
  reposts: z.number().int(),
  replies: z.number().int(),
  quotes: z.number().int(),
  bookmarks: z.number().int(),
};

const emailCounts = {
  delivered: z.number().int(),
  opened: z.number().int().describe('Open events, repeats by one reader included'),
  clicked: z.number().int(),
  bounced: z.number().int(),
  complained: z.number().int(),
};

export const ItemEngagementSchema = z
  .object({
    itemId: z.string(),
    channel: z.string(),
    format: z.string().nullable().describe('post, thread or newsletter; null before anything was read back'),
    postedAt: z.string().nullable(),
    metricsReadAt: z
      .string()
      .nullable()
      .describe('When X metrics were last read; null for e-mail and before the first read'),
    ...xMetrics,
    ...emailCounts,
    snapshots: z
      .array(z.object({ readAt: z.string(), posts: z.number().int(), ...xMetrics }))
      .describe('Every X metrics reading, newest first (at most 50)'),
  })
  .openapi('ItemEngagement');

export const EngagementSummarySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(['channel', 'format', 'idea', 'slot']),
    groups: z.array(
      z.object({
        key: z
          .string()
          .describe(
            'The channel, format, idea id (a sequence id for sales e-mails), or posting hour in SCHEDULE_TIMEZONE ("09:00")',
          ),
        subjects: z.number().int().describe('Publications and sales e-mails in the group'),
        ...xMetrics,
        ...emailCounts,
      }),
    ),
  })
  .openapi('EngagementSummary');
