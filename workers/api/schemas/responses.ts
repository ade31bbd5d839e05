import { z } from '@hono/zod-openapi';

const itemStatus = z.enum(['in_progress', 'completed', 'incomplete']);

const messageItem = z.object({
  type: z.literal('message'),
  id: z.string(),
  status: itemStatus,
  role: z.literal('assistant'),
  content: z.array(
    z.object({
      type: z.literal('output_text'),
      text: z.string(),
      annotations: z.array(z.unknown()).describe('Always empty'),
    }),
  ),
});

const functionCallItem = z.object({
  type: z.literal('function_call'),
  id: z.string(),
  call_id: z.string().describe('Answer it with a function_call_output item of this call_id'),
  name: z.string(),
  arguments: z.string().describe('The arguments as JSON text'),
  status: itemStatus,
});

/** OpenAI's Response object, as the stateless gateway writes it. */
export const ResponseObjectSchema = z
  .object({
    id: z.string(),
    object: z.literal('response'),
    created_at: z.number().describe('Epoch seconds'),
    status: z.enum(['completed', 'incomplete']),
    model: z.string().describe('The catalogue id of the model that answered'),
    output: z.array(z.discriminatedUnion('type', [messageItem, functionCallItem])),
    error: z.null(),
    incomplete_details: z.object({ reason: z.literal('max_output_tokens') }).nullable(),
    instructions: z.string().nullable(),
    max_output_tokens: z.number().nullable(),
    temperature: z.number().nullable(),
    top_p: z.number().nullable(),
    tool_choice: z.unknown(),
    tools: z.array(z.unknown()),
    parallel_tool_calls: z.boolean(),
    text: z.object({ format: z.unknown() }),
    metadata: z.record(z.string(), z.string()),
    previous_response_id: z.null(),
    store: z.literal(false).describe('The gateway keeps no responses'),
    usage: z.object({
      input_tokens: z.number(),
      input_tokens_details: z.object({ cached_tokens: z.number() }),
      output_tokens: z.number(),
      output_tokens_details: z.object({ reasoning_tokens: z.number() }),
      total_tokens: z.number(),
    }),
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
  .openapi('ResponseObject');
