import { z } from '@hono/zod-openapi';
import { chatCompletionBody } from '../../../src/llm/openai-format';

/** The request the gateway takes, named in the contract. */
export const ChatCompletionRequestSchema = chatCompletionBody.openapi('ChatCompletionRequest');

export const ChatCompletionSchema = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion'),
    created: z.number().describe('Epoch seconds'),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number(),
        message: z.object({
          role: z.literal('assistant'),
          content: z.string().nullable().describe('null when the model only calls tools'),
          tool_calls: z
            .array(
              z.object({
                id: z.string(),
                type: z.literal('function'),
                function: z.object({ name: z.string(), arguments: z.string().describe('The arguments as JSON text') }),
              }),
            )
            .optional(),
        }),
        finish_reason: z.enum(['stop', 'length', 'tool_calls']),
      }),
    ),
    usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }),
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
  .openapi('ChatCompletion');

export const ModelListSchema = z
  .object({
    object: z.literal('list'),
    data: z.array(
      z.object({
        id: z.string(),
        object: z.literal('model'),
        created: z.number(),
        owned_by: z.string(),
        display_name: z.string().optional(),
        capabilities: z
          .array(z.string())
          .optional()
          .describe('What the model is for (simple, research, strategic, json, code, reasoning, local, …)'),
        context_window: z.number().optional().describe('Tokens in and out together'),
        max_output: z.number().optional().describe('Most output tokens a call may ask for'),
        input_micros_per_million: z.number().optional(),
        output_micros_per_million: z.number().optional(),
      }),
    ),
  })
  .openapi('ModelList');

export const GithubDeliverySchema = z
  .object({
    delivery: z.string(),
    handled: z.boolean(),
    reason: z.string().optional().describe('Why nothing runs'),
    command: z.string().optional().describe('The command that runs'),
  })
  .openapi('GithubDelivery');

export const GumroadPingResultSchema = z
  .object({
    saleId: z.string(),
    result: z.enum(['recorded', 'duplicate', 'refunded', 'ignored']),
    reason: z.string().optional(),
    leadId: z
      .string()
      .optional()
      .describe('The lead this ping matched the sale to by the buyer e-mail; absent when none, or matched before'),
  })
  .openapi('GumroadPingResult');
