import type { FinishReason, ToolCall } from '../types';
import { FAKE_HEADER, type ProviderEndpoint } from './endpoints';
import { normalizeProviderError, ProviderError, reportedMessage } from './errors';
import { requestEvents, requestJson } from './http';
import { openAiEmbed } from './openai-embeddings';
import {
  openAiFinishReason as finishReason,
  openAiBody,
  toolCallsOf,
  type WireChunk,
  type WireCompletion,
} from './openai-wire';
import { type ParameterSupport, refusalOf } from './support';
import type { LlmProvider, ProviderCall, ProviderChunk, ProviderId, ProviderResult } from './types';

export interface OpenAiCompatibleOptions {
  /** Newer Kimi models take max_completion_tokens; Ollama takes max_tokens. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  support: ParameterSupport;
  /** The server answers POST /v1/embeddings too. */
  embeddings?: boolean;
}

const body = (call: ProviderCall, options: OpenAiCompatibleOptions) => openAiBody(call, options.maxTokensField);

/** Kimi (Moonshot), Ollama and OpenAI share OpenAI's wire protocol; this is their one implementation. */
export function openAiCompatibleProvider(
  id: ProviderId,
  endpoint: ProviderEndpoint,
  options: OpenAiCompatibleOptions,
): LlmProvider {
  const path = '/chat/completions';
  return {
    id,
    refusal: (call) => refusalOf(call, options.support),
    ...(options.embeddings ? { embed: (call) => openAiEmbed(id, endpoint, call) } : {}),
    async chat(call: ProviderCall): Promise<ProviderResult> {
      const request = { provider: id, path, body: { ...body(call, options), stream: false }, signal: call.signal };
      try {
        const { data, headers } = await requestJson<WireCompletion | null>(endpoint, request);
        const choice = data?.choices?.[0];
        if (!choice || !data?.usage) throw new ProviderError(id, 'retryable', 'malformed response: no choice or usage');
        const toolCalls = toolCallsOf(choice.message?.tool_calls);
        return {
          text: choice.message?.content ?? '',
          ...(toolCalls ? { toolCalls } : {}),
          usage: { inputTokens: data.usage.prompt_tokens, outputTokens: data.usage.completion_tokens },
          finishReason: finishReason(choice.finish_reason),
          fake: headers.has(FAKE_HEADER),
        };
      } catch (error) {
        throw normalizeProviderError(id, error);
      }
    },

    async *stream(call: ProviderCall): AsyncIterable<ProviderChunk> {
      let text = '';
      const calls: ToolCall[] = [];
      let reason: FinishReason = 'other';
      let usage: ProviderResult['usage'] | undefined;
      const streamed = { ...body(call, options), stream: true, stream_options: { include_usage: true } };
      const { headers, events } = await requestEvents(endpoint, {
        provider: id,
        path,
        body: streamed,
        signal: call.signal,
      });
      try {
        for await (const event of events) {
          if (event.data.startsWith('[DONE]')) break;
          const chunk = JSON.parse(event.data) as WireChunk;
          if (chunk.error) throw new ProviderError(id, 'retryable', reportedMessage(chunk.error) ?? 'error event');
          const choice = chunk.choices?.[0];
          const delta = choice?.delta?.content;
          if (delta) {
            text += delta;
            yield { type: 'text', text: delta };
          }
          for (const piece of choice?.delta?.tool_calls ?? []) {
            const known = calls[piece.index];
            const fragment = piece.function?.arguments ?? '';
            if (known) known.arguments += fragment;
            else calls[piece.index] = { id: piece.id ?? '', name: piece.function?.name ?? '', arguments: fragment };
            yield {
              type: 'tool_call',
              index: piece.index,
              ...(known ? {} : { id: piece.id ?? '', name: piece.function?.name ?? '' }),
              arguments: fragment,
            };
          }
          if (choice?.finish_reason) reason = finishReason(choice.finish_reason);
          if (chunk.usage)
            usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
        }
      } catch (error) {
        throw normalizeProviderError(id, error);
      }
      if (!usage) throw new ProviderError(id, 'retryable', 'malformed stream: no usage reported');
      const toolCalls = calls.filter(Boolean);
      yield {
        type: 'done',
        result: {
          text,
          ...(toolCalls.length > 0 ? { toolCalls } : {}),
          usage,
          finishReason: reason,
          fake: headers.has(FAKE_HEADER),
        },
      };
    },
  };
}
