import { z } from '@hono/zod-openapi';

/** Anthropic's Message object, as the gateway writes it. */
export const AnthropicMessageSchema = z
  .object({
    id: z.string(),
    type: z.literal('message'),
    role: z.literal('assistant'),
    model: z.string().describe('The catalogue id of the model that answered'),
    content: z.array(
      z.discriminatedUnion('type', [
        z.object({ type: z.literal('text'), text: z.string() }),
        z.object({
          type: z.literal('tool_use'),
          id: z.string(),
          name: z.string(),
          input: z.record(z.string(), z.unknown()),
        }),
      ]),
    ),
    stop_reason: z.enum(['end_turn', 'max_tokens', 'tool_use']),
    stop_sequence: z.null(),
    usage: z.object({ input_tokens: z.number(), output_tokens: z.number() }),
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
  .openapi('AnthropicMessage');

/** Anthropic's error body: the one shape of every error on /v1/messages. */
export const AnthropicErrorSchema = z
  .object({
    type: z.literal('error'),
    error: z.object({
      type: z.string().describe('invalid_request_error, authentication_error, billing_error, rate_limit_error …'),
      message: z.string(),
    }),
    request_id: z.string().describe('The X-Request-Id of the request, for the logs'),
  })
  .openapi('AnthropicError');

const anthropicErrorMeaning = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error: over budget, not sent',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'api_error: conflict',
  413: 'request_too_large',
  415: 'api_error: unsupported media type',
  422: 'api_error: no model can take the request',
  429: 'rate_limit_error',
  500: 'api_error',
  502: 'api_error: every provider failed',
  503: 'overloaded_error: a dependency is down',
} as const;

/** Every error status of /v1/messages, each with Anthropic's error body. */
export const anthropicErrorResponses = Object.fromEntries(
  Object.entries(anthropicErrorMeaning).map(([status, description]) => [
    status,
    { description, content: { 'application/json': { schema: AnthropicErrorSchema } } },
  ]),
) as Record<
  keyof typeof anthropicErrorMeaning,
  { description: string; content: { 'application/json': { schema: typeof AnthropicErrorSchema } } }
>;
