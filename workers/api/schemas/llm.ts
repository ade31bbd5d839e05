import { z } from '@hono/zod-openapi';
import { scopeKinds } from '../../../src/budget/scopes';

export const UsageSchema = z.object({ inputTokens: z.number(), outputTokens: z.number() }).openapi('Usage');

/** What a call through the router returned. */
export const ChatResultSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    model: z.string().describe('Catalogue id of the model that answered'),
    provider: z.string(),
    usage: UsageSchema,
    costMicros: z.number(),
    toolCalls: z
      .array(z.object({ id: z.string(), name: z.string(), arguments: z.string().describe('JSON text') }))
      .optional(),
    finishReason: z.enum(['stop', 'length', 'tool_calls', 'other']),
    latencyMs: z.number(),
    cached: z.boolean(),
    fake: z.boolean().describe('The answer came from a local fake upstream, not a real model'),
  })
  .openapi('ChatResult');

/** Why the budget refused a call. */
export const RefusalSchema = z
  .object({
    scope: z.object({ kind: z.enum(scopeKinds), id: z.string() }),
    window: z.enum(['day', 'month']),
    capMicros: z.number(),
    spentMicros: z.number(),
    reservedMicros: z.number(),
    requestedMicros: z.number(),
    retryAt: z.number().describe('Epoch ms when the call may fit'),
  })
  .openapi('Refusal');
