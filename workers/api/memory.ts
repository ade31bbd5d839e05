import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { LongTermMemory } from '../../src/memory/long-term-memory';
import { nuggetKinds } from '../../src/memory/nugget';
import { presentHit, presentNugget, presentUsed } from '../../src/memory/present';
import type { AppEnv } from '../http/app-env';
import { businessReader, requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse, llmErrorResponses } from '../http/responses';
import { GoldNuggetsSchema, MemorySearchSchema, StoredNuggetSchema } from './schemas/memory';

const writer = requireRole('owner', 'operator');

// Line breaks and tabs are text; every other control character is refused rather than stored.
const CONTROL = /[^\P{Cc}\n\r\t]/u;
const LINE_BREAKS = /[\r\n\t]/;
// Half of a UTF-16 pair on its own: valid JSON, but not text, and Chroma refuses the whole request.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const plain = (schema: z.ZodString, allowLineBreaks = false) =>
  schema
    .refine((value) => !CONTROL.test(value) && (allowLineBreaks || !LINE_BREAKS.test(value)), {
      error: 'must not contain control characters',
    })
    .refine((value) => !LONE_SURROGATE.test(value), { error: 'must be valid Unicode text' });

export const MAX_NUGGET_CHARS = 4_000;
export const MAX_K = 20;

const rememberBody = z
  .object({
    text: plain(z.string().trim().min(1).max(MAX_NUGGET_CHARS), true).describe('The lesson, pattern or rule itself'),
    kind: z.enum(nuggetKinds),
    source: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[\w.:@/-]+$/, 'may hold letters, digits and _ . : @ / - only')
      .optional()
      .describe('Who learnt it, e.g. agent:ceo or workflow:weekly_review; default api:<your client id>'),
    tags: z
      .array(plain(z.string().trim().min(1).max(40)))
      .max(10)
      .default([])
      .describe('Up to 10 short labels'),
  })
  .strict();

const searchQuery = z.object({
  q: plain(z.string().trim().min(1).max(500)).describe('What to recall, in plain words'),
  k: z.coerce.number().int().min(1).max(MAX_K).default(5).describe(`How many nuggets, 1-${MAX_K}`),
  kind: z.enum(nuggetKinds).optional(),
});

const goldQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10).describe('Nuggets per list, 1-50'),
  kind: z.enum(nuggetKinds).optional().describe('Only nuggets of this kind'),
  tag: plain(z.string().trim().min(1).max(40))
    .transform((tag) => tag.toLowerCase())
    .optional()
    .describe('Only nuggets carrying this tag, e.g. learning'),
});

function memoryOf(c: Context<AppEnv>): LongTermMemory {
  const memory = c.var.services.memory;
  if (!memory) throw new AppError('memory_unavailable', 'Long-term memory is not configured: set CHROMA_URL');
  return memory;
}

const embeddingView = (memory: LongTermMemory) => {
  const { provider, model, dimensions, local, collection } = memory.embedding;
  return { provider, model, dimensions: dimensions ?? null, local, collection };
};

export const memoryRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/memory',
      middleware: [writer] as const,
      summary: 'Store a gold nugget; the same text from the same source again answers the stored one (200)',
      request: { body: { content: { 'application/json': { schema: rememberBody } }, required: true } },
      responses: {
        201: jsonResponse(StoredNuggetSchema, 'The stored nugget'),
        200: jsonResponse(StoredNuggetSchema, 'The nugget already stored'),
        // Its embedding is an LLM call, refused over memory's budget.
        ...llmErrorResponses,
      },
    }),
    async (c) => {
      const memory = memoryOf(c);
      const body = c.req.valid('json');
      const { nugget, created } = await memory.remember({
        ...body,
        tags: body.tags.map((tag) => tag.toLowerCase()),
        source: body.source ?? `api:${c.var.principal.clientId}`,
      });
      return c.json({ ...presentNugget(nugget), created, embedding: embeddingView(memory) }, created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/memory/search',
      middleware: [businessReader] as const,
      summary: 'The nuggets nearest in meaning to q, nearest first; each one returned counts as used',
      request: { query: searchQuery },
      responses: {
        200: jsonResponse(MemorySearchSchema, 'Results with distance (cosine, 0 = same) and score (1 - distance)'),
        ...llmErrorResponses,
      },
    }),
    async (c) => {
      const memory = memoryOf(c);
      const { q, k, kind } = c.req.valid('query');
      const hits = await memory.search(q, k, { kind });
      return c.json({ query: q, k, embedding: embeddingView(memory), results: hits.map(presentHit) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/gold-nuggets',
      middleware: [businessReader] as const,
      summary: 'Lessons, patterns and rules from long-term memory: the latest and the most used, by kind or tag',
      request: { query: goldQuery },
      responses: {
        200: jsonResponse(GoldNuggetsSchema, 'latest (newest first) and mostUsed (used at least once, most first)'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const memory = memoryOf(c);
      const { limit, kind, tag } = c.req.valid('query');
      const { latest, mostUsed } = await memory.goldNuggets(limit, { kind, tag });
      return c.json(
        { embedding: embeddingView(memory), latest: latest.map(presentUsed), mostUsed: mostUsed.map(presentUsed) },
        200,
      );
    },
  );
