import { imageDetailRefusal } from '../image-input';
import type { FinishReason, ToolCall, ToolCallDelta } from '../types';
import {
  type AnswerBlock,
  answerOf,
  anthropicBody as body,
  anthropicFinishReason as finishReason,
  schemaToolName,
} from './anthropic-wire';
import { FAKE_HEADER, type ProviderEndpoint } from './endpoints';
import { normalizeProviderError, ProviderError, reportedMessage } from './errors';
import { requestEvents, requestJson } from './http';
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

interface WireUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** A Messages API answer, as far as this reads it. */
interface WireMessage {
  content?: AnswerBlock[];
  usage?: WireUsage;
  stop_reason?: string | null;
}

/** One streamed event's data, as far as this reads it; its `type` names it. */
interface WireEvent {
  type: string;
  index?: number;
  message?: { usage?: WireUsage };
  content_block?: { type: string; id?: string; name?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  usage?: { output_tokens?: number };
}

/** Prompt-cache reads and writes are billed as input: counting them at the input price never undercounts. */
function inputTokens(usage: WireUsage): number {
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

/** The data of a named event; `ping` and nameless events carry nothing to read. */
function eventData(name: string | undefined, data: string): WireEvent | undefined {
  if (name === undefined || name === 'ping') return undefined;
  if (name === 'error') {
    // A failure after the 200: the body is `{type: 'error', error: {type, message}}`.
    let body: unknown = data;
    try {
      body = JSON.parse(data);
    } catch {
      // Reported as it came.
    }
    throw new ProviderError('anthropic', 'retryable', reportedMessage(body) ?? 'error event');
  }
  if (data === '') return undefined;
  return JSON.parse(data) as WireEvent;
}

export function anthropicProvider(endpoint: ProviderEndpoint): LlmProvider {
  const path = '/v1/messages';
  return {
    id: 'anthropic',
    refusal: (call) =>
      refusalOf(call, support) ??
      imageDetailRefusal(call.messages) ??
      (call.jsonSchema && call.tools ? schemaWithTools : undefined),
    async chat(call: ProviderCall): Promise<ProviderResult> {
      const request = { provider: 'anthropic', path, body: { ...body(call), stream: false }, signal: call.signal };
      try {
        const { data, headers } = await requestJson<WireMessage | null>(endpoint, request);
        if (!Array.isArray(data?.content) || !data.usage) {
          throw new ProviderError('anthropic', 'retryable', 'malformed response: no content or usage');
        }
        const forced = schemaToolName(call);
        return {
          ...answerOf(data.content, forced),
          usage: { inputTokens: inputTokens(data.usage), outputTokens: data.usage.output_tokens },
          finishReason: forced && data.stop_reason === 'tool_use' ? 'stop' : finishReason(data.stop_reason),
          fake: headers.has(FAKE_HEADER),
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
      let sawStop = false;
      const streamed = { ...body(call), stream: true };
      const { headers, events } = await requestEvents(endpoint, {
        provider: 'anthropic',
        path,
        body: streamed,
        signal: call.signal,
      });
      try {
        for await (const sse of events) {
          const event = eventData(sse.event, sse.data);
          if (!event) continue;
          const index = event.index ?? 0;
          let delta: ProviderChunk | undefined;
          if (event.type === 'message_start') {
            if (!event.message?.usage) throw new ProviderError('anthropic', 'retryable', 'malformed stream: no usage');
            input = inputTokens(event.message.usage);
          } else if (event.type === 'content_block_start' && event.content_block?.type === 'tool_use') {
            const { id = '', name = '' } = event.content_block;
            if (name === forced) schemaBlock = index;
            else delta = tools.start(index, id, name);
          } else if (event.type === 'content_block_delta' && event.delta?.type === 'input_json_delta') {
            const fragment = event.delta.partial_json ?? '';
            if (index !== schemaBlock) delta = tools.add(index, fragment);
            else if (fragment) {
              text += fragment;
              delta = { type: 'text', text: fragment };
            }
          } else if (event.type === 'content_block_delta' && event.delta?.type === 'text_delta') {
            // Around a forced schema tool, Claude's own words are not part of the JSON answer.
            if (forced) continue;
            const words = event.delta.text ?? '';
            text += words;
            delta = { type: 'text', text: words };
          } else if (event.type === 'content_block_stop') delta = tools.stop(index);
          else if (event.type === 'message_delta') {
            output = event.usage?.output_tokens ?? output;
            const stop = event.delta?.stop_reason;
            reason = forced && stop === 'tool_use' ? 'stop' : finishReason(stop);
          } else if (event.type === 'message_stop') sawStop = true;
          if (delta) yield delta;
        }
      } catch (error) {
        throw normalizeProviderError('anthropic', error);
      }
      if (!sawStop) throw new ProviderError('anthropic', 'retryable', 'malformed stream: ended before message_stop');
      const toolCalls = tools.calls.length > 0 ? { toolCalls: tools.calls } : {};
      const fake = headers.has(FAKE_HEADER);
      yield {
        type: 'done',
        result: { text, ...toolCalls, usage: { inputTokens: input, outputTokens: output }, finishReason: reason, fake },
      };
    },
  };
}
