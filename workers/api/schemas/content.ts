import { z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import {
  contentChannels,
  contentEvents,
  contentIdeas,
  contentPublications,
  contentStatuses,
} from '../../../src/db/content-schema';
import { isoTime } from '../../http/responses';

export const PublicationSchema = createSelectSchema(contentPublications)
  .pick({ state: true, dryRun: true, remoteIds: true, url: true, error: true })
  .extend({ remoteIds: z.array(z.string()), claimedAt: isoTime.nullable(), finishedAt: isoTime.nullable() })
  .openapi('Publication');

export const ContentItemSchema = z
  .object({
    id: z.string(),
    ideaId: z.string(),
    channel: z.enum(contentChannels),
    status: z.enum(contentStatuses),
    nextStatuses: z.array(z.enum(contentStatuses)),
    // Each channel keeps its own fields (a post's text, a blog post's title and markdown …).
    body: z.record(z.string(), z.unknown()).describe("The variant's text; its fields depend on the channel"),
    scheduledAt: isoTime.nullable(),
    publishedAt: isoTime.nullable(),
    attempts: z.number(),
    lastError: z.string().nullable(),
    publication: PublicationSchema.nullable(),
    createdAt: isoTime.nullable(),
    updatedAt: isoTime.nullable(),
  })
  .openapi('ContentItem');

export const ContentEventSchema = createSelectSchema(contentEvents)
  .pick({ id: true, kind: true, actor: true })
  .extend({
    data: z.record(z.string(), z.unknown()).describe('What happened; its fields depend on the kind'),
    at: isoTime.nullable(),
  })
  .openapi('ContentEvent');

export const ContentItemWithEventsSchema = ContentItemSchema.extend({ events: z.array(ContentEventSchema) }).openapi(
  'ContentItemWithEvents',
);

export const ContentPageSchema = z
  .object({ items: z.array(ContentItemSchema), nextCursor: z.string().nullable() })
  .openapi('ContentPage');

export const PublishedSchema = z
  .object({
    from: isoTime,
    to: isoTime,
    items: z.array(
      PublicationSchema.extend({
        id: z.string(),
        ideaId: z.string(),
        channel: z.enum(contentChannels),
        publishedAt: isoTime,
      }),
    ),
  })
  .openapi('Published');

export const ContentIdeaSchema = createSelectSchema(contentIdeas)
  .extend({ createdAt: isoTime, items: z.array(ContentItemSchema) })
  .openapi('ContentIdea');

export const GeneratedVariantsSchema = z
  .object({
    items: z.array(ContentItemSchema),
    rejected: z
      .array(z.object({ channel: z.enum(contentChannels), problem: z.string() }))
      .describe("Channels whose text broke the channel's rules or came back missing"),
    model: z.string(),
    costMicros: z.number(),
  })
  .openapi('GeneratedVariants');

export const ContentDecisionsSchema = z
  .object({
    results: z.array(
      z.discriminatedUnion('ok', [
        z.object({
          id: z.string(),
          ok: z.literal(true),
          channel: z.enum(contentChannels),
          status: z.enum(contentStatuses),
          scheduledFor: isoTime.nullable().describe('The posting slot the item took (approve); null when rejected'),
        }),
        z.object({
          id: z.string(),
          ok: z.literal(false),
          code: z.enum(['not_found', 'conflict']).describe('The error code a single-item call would answer'),
          message: z.string(),
        }),
      ]),
    ),
  })
  .openapi('ContentDecisions');
