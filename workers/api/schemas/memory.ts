import { z } from '@hono/zod-openapi';
import { nuggetKinds } from '../../../src/memory/nugget';
import { isoTime } from '../../http/responses';

const EmbeddingSchema = z
  .object({
    provider: z.string(),
    model: z.string(),
    dimensions: z.number().nullable(),
    local: z.boolean(),
    collection: z.string(),
  })
  .openapi('Embedding');

export const NuggetSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    kind: z.enum(nuggetKinds),
    source: z.string().describe('Who learnt it: agent:ceo, workflow:weekly_review, api:<client> …'),
    tags: z.array(z.string()),
    createdAt: isoTime,
  })
  .openapi('Nugget');

export const StoredNuggetSchema = NuggetSchema.extend({
  created: z.boolean().describe('false when the same nugget was already stored'),
  embedding: EmbeddingSchema,
}).openapi('StoredNugget');

export const MemorySearchSchema = z
  .object({
    query: z.string(),
    k: z.number(),
    embedding: EmbeddingSchema,
    results: z.array(
      NuggetSchema.extend({
        distance: z.number().describe('Cosine distance, 0 = same'),
        score: z.number().describe('1 - distance'),
      }),
    ),
  })
  .openapi('MemorySearch');

const UsedNuggetSchema = NuggetSchema.extend({ uses: z.number(), lastUsedAt: isoTime.nullable() });

export const GoldNuggetsSchema = z
  .object({ embedding: EmbeddingSchema, latest: z.array(UsedNuggetSchema), mostUsed: z.array(UsedNuggetSchema) })
  .openapi('GoldNuggets');
