import type { ChatMessage, ContentPart, FinishReason, ImageInput, ToolCall } from '../types';
import type { ProviderCall } from './types';

type WirePart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: ImageInput['detail'] } };

interface WireToolCall {
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

type WireMessage =
  | { role: ChatMessage['role']; content: string | WirePart[] }
  | { role: 'tool'; tool_call_id: string; content: string }
  | { role: 'assistant'; content: string | null; tool_calls: WireToolCall[] };

type ResponseFormat =
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; description?: string; schema: unknown; strict?: boolean } };

type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

/** What a chat completion answers, as far as this reads it. */
export interface WireCompletion {
  choices?: {
    message?: { content?: string | null; tool_calls?: WireToolCall[] | null };
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens: number; completion_tokens: number };
}

/** One streamed chunk, as far as this reads it. */
export interface WireChunk {
  choices?: {
    delta?: {
      content?: string | null;
      tool_calls?: { index: number; id?: string; function?: { name?: string; arguments?: string } }[];
    };
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  /** An OpenAI-compatible server's failure after the stream began. */
  error?: unknown;
}

export const openAiFinishReason = (reason: string | null | undefined): FinishReason =>
  reason === 'stop' || reason === 'length' || reason === 'tool_calls' ? reason : 'other';

function wirePart(part: ContentPart): WirePart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const { url, detail } = part.image;
  return { type: 'image_url', image_url: detail ? { url, detail } : { url } };
}

function wireMessage(message: ChatMessage): WireMessage {
  if (message.parts) return { role: 'user', content: message.parts.map(wirePart) };
  if (message.role === 'tool') {
    return { role: 'tool', tool_call_id: message.toolCallId ?? '', content: message.content };
  }
  if (message.role === 'assistant' && message.toolCalls?.length) {
    return {
      role: 'assistant',
      content: message.content || null,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function' as const,
        function: { name: call.name, arguments: call.arguments },
      })),
    };
  }
  return { role: message.role, content: message.content };
}

function responseFormat(call: ProviderCall): ResponseFormat | undefined {
  if (call.jsonSchema) {
    const { name, description, schema, strict } = call.jsonSchema;
    return { type: 'json_schema', json_schema: { name, description, schema, strict } };
  }
  return call.json ? { type: 'json_object' } : undefined;
}

function toolChoice(call: ProviderCall): ToolChoice | undefined {
  const choice = call.toolChoice;
  if (choice === undefined || typeof choice === 'string') return choice;
  return { type: 'function', function: { name: choice.name } };
}

/** Drops the keys left undefined, so a provider sees only what the caller set. */
const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** The request body in OpenAI's wire format, with everything the call carries. */
export function openAiBody(call: ProviderCall, maxTokensField: 'max_tokens' | 'max_completion_tokens') {
  return defined({
    model: call.model,
    messages: call.messages.map(wireMessage),
    [maxTokensField]: call.maxTokens,
    temperature: call.temperature,
    top_p: call.topP,
    seed: call.seed,
    stop: call.stop,
    presence_penalty: call.presencePenalty,
    frequency_penalty: call.frequencyPenalty,
    logit_bias: call.logitBias,
    user: call.user,
    response_format: responseFormat(call),
    tools: call.tools?.map((tool) => ({
      type: 'function' as const,
      function: defined({
        name: tool.name,
        description: tool.description,
        parameters: tool.parameters,
        strict: tool.strict,
      }),
    })),
    tool_choice: toolChoice(call),
    parallel_tool_calls: call.parallelToolCalls,
  });
}

/** The function calls of a non-streamed answer. */
export function toolCallsOf(calls: readonly WireToolCall[] | null | undefined): ToolCall[] | undefined {
  const list = (calls ?? []).flatMap((call) =>
    call.function?.name
      ? [{ id: call.id ?? '', name: call.function.name, arguments: call.function.arguments ?? '' }]
      : [],
  );
  return list.length > 0 ? list : undefined;
}
