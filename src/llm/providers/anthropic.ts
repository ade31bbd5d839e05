import type Anthropic from '@anthropic-ai/sdk';
import type { ChatMessage, FinishReason } from '../types';
import { FAKE_HEADER } from './clients';
import { normalizeProviderError, ProviderError } from './errors';
import type { LlmProvider, ProviderCall, ProviderChunk, ProviderResult } from './types';

// Claude has no JSON mode; the instruction rides in the system prompt instead.
const JSON_INSTRUCTION = 'Answer with one JSON object and nothing else.';

const finishReason = (reason: string | null | undefined): FinishReason =>
  reason === 'end_turn' || reason === 'stop_sequence' ? 'stop' : reason === 'max_tokens' ? 'length' : 'other';

function body(call: ProviderCall) {
  const system = call.messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .concat(call.json ? [JSON_INSTRUCTION] : [])
    .join('\n\n');
  const messages = call.messages
    .filter((message): message is ChatMessage & { role: 'user' | 'assistant' } => message.role !== 'system')
    .map((message) => ({ role: message.role, content: message.content }));
  return {
    model: call.model,
    max_tokens: call.maxTokens,
    messages,
    ...(system ? { system } : {}),
    ...(call.temperature === undefined ? {} : { temperature: call.temperature }),
  };
}

/** Prompt-cache reads and writes are billed as input: counting them at the input price never undercounts. */
function inputTokens(usage: {
  input_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}): number {
  return usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
}

export function anthropicProvider(client: Anthropic): LlmProvider {
  return {
    id: 'anthropic',
    async chat(call: ProviderCall): Promise<ProviderResult> {
      try {
        const { data, response } = await client.messages
          .create({ ...body(call), stream: false }, { signal: call.signal })
          .withResponse();
        if (!Array.isArray(data.content) || !data.usage) {
          throw new ProviderError('anthropic', 'retryable', 'malformed response: no content or usage');
        }
        return {
          text: data.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
          usage: { inputTokens: inputTokens(data.usage), outputTokens: data.usage.output_tokens },
          finishReason: finishReason(data.stop_reason),
          fake: response.headers.has(FAKE_HEADER),
        };
      } catch (error) {
        throw normalizeProviderError('anthropic', error);
      }
    },

    async *stream(call: ProviderCall): AsyncIterable<ProviderChunk> {
      let text = '';
      let input = 0;
      let output = 0;
      let reason: FinishReason = 'other';
      let fake = false;
      let sawStop = false;
      try {
        const { data, response } = await client.messages
          .create({ ...body(call), stream: true }, { signal: call.signal })
          .withResponse();
        fake = response.headers.has(FAKE_HEADER);
        for await (const event of data) {
          if (event.type === 'message_start') input = inputTokens(event.message.usage);
          else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
            text += event.delta.text;
            yield { type: 'text', text: event.delta.text };
          } else if (event.type === 'message_delta') {
            output = event.usage.output_tokens;
            reason = finishReason(event.delta.stop_reason);
          } else if (event.type === 'message_stop') sawStop = true;
        }
      } catch (error) {
        throw normalizeProviderError('anthropic', error);
      }
      if (!sawStop) throw new ProviderError('anthropic', 'retryable', 'malformed stream: ended before message_stop');
      yield {
        type: 'done',
        result: { text, usage: { inputTokens: input, outputTokens: output }, finishReason: reason, fake },
      };
    },
  };
}
