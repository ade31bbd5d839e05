import { z } from '@hono/zod-openapi';
import { insightAreas } from '../../../src/db/learning-schema';
import { isoTime } from '../../http/responses';

const RateSchema = z.object({
  hits: z
    .number()
    .int()
    .describe('Engagements (likes, reposts, replies, quotes, bookmarks, clicks) or converted leads'),
  base: z.number().int().describe('Impressions and deliveries, or leads'),
  rate: z.number().describe('hits / base, to four places'),
});

export const InsightSchema = z
  .object({
    area: z.enum(insightAreas),
    dimension: z.string().describe('channel, slot, format, topic (content); segment, source, sequence (sales)'),
    key: z.string().describe('The group within the dimension'),
    figures: RateSchema.extend({
      samples: z.number().int().describe('Posts (content) or leads (sales) behind the figure'),
      small: z.boolean().describe('Fewer samples than a firm figure needs'),
      others: RateSchema.optional().describe("The dimension's other groups together, when the groups partition it"),
    }),
    text: z.string().describe('The pattern in one sentence, as stored in long-term memory'),
    computedAt: isoTime,
  })
  .openapi('Insight');

export const InsightListSchema = z.object({ insights: z.array(InsightSchema) }).openapi('InsightList');
