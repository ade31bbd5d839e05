import { z } from '@hono/zod-openapi';
import { embeddingsBody } from '../../../src/llm/embeddings-request';

/** The request /v1/embeddings takes, named in the contract. */
export const EmbeddingsRequestSchema = embeddingsBody.openapi('EmbeddingsRequest');

export const EmbeddingListSchema = z
  .object({
    object: z.literal('list'),
    data: z.array(
      z.object({
        object: z.literal('embedding'),
        index: z.number().int().describe('The position of its input'),
        embedding: z
          .union([z.array(z.number()), z.string()])
          .describe('Floats, or with encoding_format base64 their little-endian float32 bytes in base64'),
      }),
    ),
    model: z.string().describe('Catalogue id of the model that answered'),
    usage: z.object({ prompt_tokens: z.number().int(), total_tokens: z.number().int() }),
    empire: z
      .object({
        provider: z.string(),
        cost_micros: z.number(),
        cached: z.boolean(),
        fake: z.boolean(),
        latency_ms: z.number(),
      })
      .describe("The router's own facts about the call"),
  })
  .openapi('EmbeddingList');
