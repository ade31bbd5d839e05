import type { ModelEntry } from './catalogue';
import type { ChatResult, ToolCall, ToolCallDelta } from './types';

export { type ChatCompletionBody, chatCompletionBody, toChatRequest } from './openai-request';

const finish = { stop: 'stop', length: 'length', tool_calls: 'tool_calls', other: 'stop' } as const;

/** OpenAI's finish_reason for an answer. */
export const finishReasonOf = (result: ChatResult) => finish[result.finishReason];

const wireToolCall = (call: ToolCall) => ({
  id: call.id,
  type: 'function' as const,
  function: { name: call.name, arguments: call.arguments },
});

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
        message: result.toolCalls
          ? { role: 'assistant' as const, content: result.text || null, tool_calls: result.toolCalls.map(wireToolCall) }
          : { role: 'assistant' as const, content: result.text },
        finish_reason: finishReasonOf(result),
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

export function toChunk(id: string, model: string, delta: Record<string, unknown>, finishReason: string | null = null) {
  return {
    id: `chatcmpl-${id}`,
    object: 'chat.completion.chunk' as const,
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

/** A streamed piece of a function call, as `delta.tool_calls` (id, type and name on its first piece). */
export function toToolCallChunk(id: string, model: string, event: ToolCallDelta) {
  const head = event.id === undefined ? {} : { id: event.id, type: 'function' as const };
  const fn =
    event.name === undefined ? { arguments: event.arguments } : { name: event.name, arguments: event.arguments };
  return toChunk(id, model, { tool_calls: [{ index: event.index, ...head, function: fn }] });
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
          display_name: entry.displayName,
          capabilities: entry.capabilities,
          context_window: entry.contextWindow,
          max_output: entry.maxOutput,
          input_micros_per_million: entry.inputMicrosPerMillion,
          output_micros_per_million: entry.outputMicrosPerMillion,
        })),
    ],
  };
}
