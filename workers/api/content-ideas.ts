import { createRoute, z } from '@hono/zod-openapi';
import { generateVariants } from '../../src/content/generate';
import { publicationsOf } from '../../src/content/item-query';
import { createIdea, findIdea, itemsOfIdea, saveDraft } from '../../src/content/item-store';
import { presentItem } from '../../src/content/item-view';
import { readVariant } from '../../src/content/variants';
import { contentChannels } from '../../src/db/content-schema';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse, llmErrorResponses } from '../http/responses';
import { ContentIdeaSchema, GeneratedVariantsSchema } from './schemas/content';

// Ideas and their per-channel drafts; the items they become are in content.ts.
const writer = requireRole('owner', 'operator');
const reader = requireRole('owner', 'operator', 'readonly');
const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const optionalBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const idParam = z.object({ id: z.uuid() });
const channel = z.enum(contentChannels);
const variantsField = z
  .object({
    x: z.unknown().describe('{ text } (threaded when over 280) or { posts: [...] }'),
    linkedin: z.unknown().describe('{ text }, at most 3,000 characters'),
    blog: z.unknown().describe('{ title, markdown, slug? }'),
    newsletter: z.unknown().describe('{ subject, markdown }'),
    discord: z.unknown().describe('{ text }, at most 2,000 characters'),
    reddit: z.unknown().describe('{ title, text }: a self post, title at most 300 characters'),
  })
  .partial()
  .strict();
const ideaBody = z
  .object({
    topic: z.string().trim().min(1).max(1_000),
    brief: z.string().trim().max(5_000).optional(),
    variants: variantsField.optional().describe('Hand-written drafts, checked against each channel’s rules'),
  })
  .strict();
const generateBody = z
  .object({
    channels: z
      .array(channel)
      .min(1)
      .max(contentChannels.length)
      .default([...contentChannels]),
  })
  .strict();

export const contentIdeaRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/content/ideas',
      middleware: [writer] as const,
      summary: 'Create an idea by hand, optionally with hand-written drafts per channel',
      request: { body: jsonBody(ideaBody) },
      responses: { 201: jsonResponse(ContentIdeaSchema, 'The idea and its drafts'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const { topic, brief, variants = {} } = c.req.valid('json');
      // Every draft is checked before anything is stored, so a bad one leaves no half-made idea.
      const readings = contentChannels.flatMap((name) => {
        const input = variants[name];
        if (input === undefined) return [];
        const reading = readVariant(name, input);
        if (!reading.ok) throw new AppError('invalid_request', `variants.${name}: ${reading.problem}`);
        return [{ channel: name, body: reading.body }];
      });
      const actor = c.var.principal.clientId;
      const now = Date.now();
      const idea = await createIdea(db, { topic, brief, origin: 'manual' }, actor, now);
      const items = [];
      for (const reading of readings) {
        const saved = await saveDraft(db, idea.id, reading.channel, reading.body, actor, now);
        if (saved.ok) items.push(presentItem(saved.item));
      }
      return c.json({ ...presentIdea(idea), items }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/content/ideas/{id}',
      middleware: [reader] as const,
      summary: 'An idea with its channel variants',
      request: { params: idParam },
      responses: { 200: jsonResponse(ContentIdeaSchema, 'The idea'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const idea = await findIdea(db, c.req.valid('param').id);
      if (!idea) throw new AppError('not_found', `No idea ${c.req.valid('param').id}`);
      const items = await itemsOfIdea(db, idea.id);
      const publications = await publicationsOf(
        db,
        items.map((item) => item.id),
      );
      return c.json(
        { ...presentIdea(idea), items: items.map((item) => presentItem(item, publications.get(item.id))) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/content/ideas/{id}/generate',
      middleware: [writer] as const,
      summary: 'Let the Mouth agent write the idea’s channel variants; each is checked against its channel’s rules',
      description: 'Drafts are replaced; an approved or later variant is kept as it is.',
      request: { params: idParam, body: optionalBody(generateBody) },
      responses: {
        200: jsonResponse(GeneratedVariantsSchema, 'The drafts and the channels whose text was refused'),
        ...llmErrorResponses,
      },
    }),
    async (c) => {
      const db = c.var.services.d1;
      const idea = await findIdea(db, c.req.valid('param').id);
      if (!idea) throw new AppError('not_found', `No idea ${c.req.valid('param').id}`);
      // An optional body that is left out is not validated at all, so its default is applied here.
      const channels = c.req.valid('json')?.channels ?? [...contentChannels];
      const outcome = await generateVariants(db, c.var.services.llm(), idea, channels, {
        actor: c.var.principal.clientId,
        requestId: c.var.requestId,
        now: () => Date.now(),
      });
      return c.json(
        {
          items: outcome.items.map((item) => presentItem(item)),
          rejected: outcome.rejected,
          model: outcome.model,
          costMicros: outcome.costMicros,
        },
        200,
      );
    },
  );

function presentIdea(idea: NonNullable<Awaited<ReturnType<typeof findIdea>>>) {
  return {
    id: idea.id,
    topic: idea.topic,
    brief: idea.brief,
    origin: idea.origin,
    createdBy: idea.createdBy,
    createdAt: new Date(idea.createdAt).toISOString(),
  };
}
