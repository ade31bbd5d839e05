import { z } from 'zod';
import type { CallScopes } from '../budget/scopes';
import type { ModelEntry } from './catalogue';
import { isTaskClass } from './policy';
import type { ChatRequest, ChatResult, TaskClass } from './types';

const DEFAULT_MAX_TOKENS = 1_024;

const textPart = z.object({ type: z.literal('text'), text: z.string() });

export const chatCompletionBody = z.object({
  model: z
    .string()
    .min(1)
    .max(120)
    .describe('A catalogue id or provider model id, or auto / auto:simple / auto:research / auto:strategic'),
  messages: z
    .array(
      z.object({
        role: z.enum(['system', 'developer', 'user', 'assistant']),
        content: z.union([z.string(), z.array(textPart)]),
        name: z.string().max(64).optional(),
      }),
    )
    .min(1)
    .max(1_000),
  max_tokens: z.number().int().min(1).max(200_000).optional(),
  max_completion_tokens: z.number().int().min(1).max(200_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).optional(),
  response_format: z.object({ type: z.enum(['text', 'json_object']) }).optional(),
  user: z.string().max(256).optional(),
});

export type ChatCompletionBody = z.infer<typeof chatCompletionBody>;

/** `auto` routes by classification, `auto:<class>` by that class, anything else is an explicit model. */
function modelChoice(model: string, headerClass: string | undefined): { model?: string; taskClass?: TaskClass } {
  const [head, tail] = model.split(':');
  if (head !== 'auto') return { model };
  const named = tail ?? headerClass;
  return named && isTaskClass(named) ? { taskClass: named } : {};
}

export function toChatRequest(
  body: ChatCompletionBody,
  context: { requestId: string; scopes: CallScopes; taskClassHeader?: string; cacheHeader?: boolean },
): ChatRequest {
  return {
    ...modelChoice(body.model, context.taskClassHeader),
    messages: body.messages.map((message) => ({
      role: message.role === 'developer' ? 'system' : message.role,
      content:
        typeof message.content === 'string' ? message.content : message.content.map((part) => part.text).join(''),
    })),
    maxTokens: body.max_completion_tokens ?? body.max_tokens ?? DEFAULT_MAX_TOKENS,
    temperature: body.temperature,
    json: body.response_format?.type === 'json_object',
    cache: context.cacheHeader,
    scopes: context.scopes,
    requestId: context.requestId,
  };
}

const finish = { stop: 'stop', length: 'length', other: 'stop' } as const;

/** Extra fields beside OpenAI's: what it cost and where it ran. */
const empireFields = (result: ChatResult) => ({
  provider: result.provider,
  cost_micros: result.costMicros,
  cached: result.cached,
  fake: result.fake,
  latency_ms: result.latencyMs,
});

export function toChatCompletion(result: ChatResult) {
  return {
    id: `chatcmpl-${result.id}`,
    object: 'chat.completion' as const,
    created: Math.floor(Date.now() / 1000),
    model: result.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant' as const, content: result.text },
        finish_reason: finish[result.finishReason],
      },
    ],
    usage: {
      prompt_tokens: result.usage.inputTokens,
      completion_tokens: result.usage.outputTokens,
      total_tokens: result.usage.inputTokens + result.usage.outputTokens,
    },
    empire: empireFields(result),
  };
}

export function toChunk(id: string, model: string, delta: Record<string, string>, finishReason: string | null = null) {
  return {
    id: `chatcmpl-${id}`,
    object: 'chat.completion.chunk' as const,
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

export function toUsageChunk(result: ChatResult) {
  return {
    ...toChunk(result.id, result.model, {}),
    choices: [],
    usage: {
      prompt_tokens: result.usage.inputTokens,
      completion_tokens: result.usage.outputTokens,
      total_tokens: result.usage.inputTokens + result.usage.outputTokens,
    },
    empire: empireFields(result),
  };
}

export function toModelList(models: readonly ModelEntry[]) {
  const auto = ['auto', 'auto:simple', 'auto:research', 'auto:strategic'].map((id) => ({
    id,
    object: 'model' as const,
    created: 0,
    owned_by: 'empire-router',
  }));
  return {
    object: 'list' as const,
    data: [
      ...auto,
      ...models
        .filter((entry) => entry.active)
        .map((entry) => ({
          id: entry.id,
          object: 'model' as const,
          created: 0,
          owned_by: entry.provider,
          context_window: entry.contextWindow,
          max_output: entry.maxOutput,
          input_micros_per_million: entry.inputMicrosPerMillion,
          output_micros_per_million: entry.outputMicrosPerMillion,
        })),
    ],
  };
}
