import type Anthropic from '@anthropic-ai/sdk';
import { imageDetailRefusal } from '../image-input';
import type { FinishReason, ToolCall, ToolCallDelta } from '../types';
import {
  answerOf,
  anthropicBody as body,
  anthropicFinishReason as finishReason,
  schemaToolName,
} from './anthropic-wire';
import { FAKE_HEADER } from './clients';
import { normalizeProviderError, ProviderError } from './errors';
import { type ParameterSupport, refusalOf } from './support';
import type { LlmProvider, ProviderCall, ProviderChunk, ProviderResult } from './types';

// Claude samples with temperature or top_p (current models refuse both), stops on stop_sequences,
// and has no seed, penalties or logit bias; a JSON schema becomes a forced tool (anthropic-wire.ts).
const support: ParameterSupport = {
  unsupported: ['seed', 'logit_bias', 'presence_penalty', 'frequency_penalty'],
  toolChoices: ['auto', 'none', 'required', 'named'],
  jsonSchema: true,
  topPWithTemperature: false,
};

const schemaWithTools = {
  parameter: 'response_format',
  reason: 'takes a json_schema response format only without tools (it answers through a forced tool)',
};

/** Prompt-cache reads and writes are billed as input: counting them at the input price never undercounts. */
function inputTokens(usage: {
  input_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}): number {
  return usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
}

/** Claude numbers content blocks; OpenAI numbers tool calls. This keeps one from the other. */
class ToolBlocks {
  readonly calls: ToolCall[] = [];
  private readonly byBlock = new Map<number, number>();

  start(block: number, id: string, name: string): ToolCallDelta {
    this.byBlock.set(block, this.calls.length);
    this.calls.push({ id, name, arguments: '' });
    return { type: 'tool_call', index: this.calls.length - 1, id, name, arguments: '' };
  }

  add(block: number, fragment: string): ToolCallDelta | undefined {
    const index = this.byBlock.get(block);
    const call = index === undefined ? undefined : this.calls[index];
    if (index === undefined || !call || fragment === '') return undefined;
    call.arguments += fragment;
    return { type: 'tool_call', index, arguments: fragment };
  }

  /** A call without arguments still needs its JSON object. */
  stop(block: number): ToolCallDelta | undefined {
    const index = this.byBlock.get(block);
    const call = index === undefined ? undefined : this.calls[index];
    if (index === undefined || !call || call.arguments !== '') return undefined;
    call.arguments = '{}';
    return { type: 'tool_call', index, arguments: '{}' };
  }
}

export function anthropicProvider(client: Anthropic): LlmProvider {
  return {
    id: 'anthropic',
    refusal: (call) =>
      refusalOf(call, support) ??
      imageDetailRefusal(call.messages) ??
      (call.jsonSchema && call.tools ? schemaWithTools : undefined),
    async chat(call: ProviderCall): Promise<ProviderResult> {
      try {
        const { data, response } = await client.messages
          .create({ ...body(call), stream: false }, { signal: call.signal })
          .withResponse();
        if (!Array.isArray(data.content) || !data.usage) {
          throw new ProviderError('anthropic', 'retryable', 'malformed response: no content or usage');
        }
        const forced = schemaToolName(call);
        return {
          ...answerOf(data.content, forced),
          usage: { inputTokens: inputTokens(data.usage), outputTokens: data.usage.output_tokens },
          finishReason: forced && data.stop_reason === 'tool_use' ? 'stop' : finishReason(data.stop_reason),
          fake: response.headers.has(FAKE_HEADER),
        };
      } catch (error) {
        throw normalizeProviderError('anthropic', error);
      }
    },

    async *stream(call: ProviderCall): AsyncIterable<ProviderChunk> {
      let text = '';
      const tools = new ToolBlocks();
      const forced = schemaToolName(call);
      let schemaBlock: number | undefined;
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
          let delta: ProviderChunk | undefined;
          if (event.type === 'message_start') input = inputTokens(event.message.usage);
          else if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
            if (event.content_block.name === forced) schemaBlock = event.index;
            else delta = tools.start(event.index, event.content_block.id, event.content_block.name);
          } else if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
            if (event.index !== schemaBlock) delta = tools.add(event.index, event.delta.partial_json);
            else if (event.delta.partial_json) {
              text += event.delta.partial_json;
              delta = { type: 'text', text: event.delta.partial_json };
            }
          } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
            // Around a forced schema tool, Claude's own words are not part of the JSON answer.
            if (forced) continue;
            text += event.delta.text;
            delta = { type: 'text', text: event.delta.text };
          } else if (event.type === 'content_block_stop') delta = tools.stop(event.index);
          else if (event.type === 'message_delta') {
            output = event.usage.output_tokens;
            reason = forced && event.delta.stop_reason === 'tool_use' ? 'stop' : finishReason(event.delta.stop_reason);
          } else if (event.type === 'message_stop') sawStop = true;
          if (delta) yield delta;
        }
      } catch (error) {
        throw normalizeProviderError('anthropic', error);
      }
      if (!sawStop) throw new ProviderError('anthropic', 'retryable', 'malformed stream: ended before message_stop');
      const toolCalls = tools.calls.length > 0 ? { toolCalls: tools.calls } : {};
      yield {
        type: 'done',
        result: { text, ...toolCalls, usage: { inputTokens: input, outputTokens: output }, finishReason: reason, fake },
      };
    },
  };
}
