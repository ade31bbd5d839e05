import type OpenAI from 'openai';
import type { FinishReason, ToolCall } from '../types';
import { FAKE_HEADER } from './clients';
import { normalizeProviderError, ProviderError } from './errors';
import { openAiEmbed } from './openai-embeddings';
import { openAiFinishReason as finishReason, openAiBody, toolCallsOf } from './openai-wire';
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
  client: OpenAI,
  options: OpenAiCompatibleOptions,
): LlmProvider {
  return {
    id,
    refusal: (call) => refusalOf(call, options.support),
    ...(options.embeddings ? { embed: (call) => openAiEmbed(id, client, call) } : {}),
    async chat(call: ProviderCall): Promise<ProviderResult> {
      try {
        const response = await client.chat.completions
          .create({ ...body(call, options), stream: false }, { signal: call.signal })
          .asResponse();
        // Read here rather than by the SDK's parser, which would build a second promise chain per
        // call only to hand back the same JSON and the headers this needs anyway.
        const data = (await response.json()) as Partial<OpenAI.ChatCompletion>;
        const choice = data.choices?.[0];
        if (!choice || !data.usage) throw new ProviderError(id, 'retryable', 'malformed response: no choice or usage');
        const toolCalls = toolCallsOf(choice.message?.tool_calls);
        return {
          text: choice.message?.content ?? '',
          ...(toolCalls ? { toolCalls } : {}),
          usage: { inputTokens: data.usage.prompt_tokens, outputTokens: data.usage.completion_tokens },
          finishReason: finishReason(choice.finish_reason),
          fake: response.headers.has(FAKE_HEADER),
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
      let fake = false;
      try {
        const { data, response } = await client.chat.completions
          .create(
            { ...body(call, options), stream: true, stream_options: { include_usage: true } },
            { signal: call.signal },
          )
          .withResponse();
        fake = response.headers.has(FAKE_HEADER);
        for await (const chunk of data) {
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
        result: { text, ...(toolCalls.length > 0 ? { toolCalls } : {}), usage, finishReason: reason, fake },
      };
    },
  };
}
