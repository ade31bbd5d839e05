import type { ResponsesBody } from './responses-request';
import type { ChatResult, ToolCall } from './types';

export interface OutputText {
  type: 'output_text';
  text: string;
  annotations: never[];
}

export interface MessageItem {
  type: 'message';
  id: string;
  status: 'in_progress' | 'completed' | 'incomplete';
  role: 'assistant';
  content: OutputText[];
}

export interface FunctionCallItem {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: 'in_progress' | 'completed' | 'incomplete';
}

export type OutputItem = MessageItem | FunctionCallItem;

export const outputText = (text: string): OutputText => ({ type: 'output_text', text, annotations: [] });

export const messageItem = (id: string, text: string, status: MessageItem['status']): MessageItem => ({
  type: 'message',
  id,
  status,
  role: 'assistant',
  content: text === '' && status === 'in_progress' ? [] : [outputText(text)],
});

export const functionCallItem = (id: string, call: ToolCall, status: FunctionCallItem['status']): FunctionCallItem => ({
  type: 'function_call',
  id,
  call_id: call.id,
  name: call.name,
  arguments: call.arguments,
  status,
});

/** What the caller asked for, echoed as OpenAI echoes it on every Response object. */
function echoOf(body: ResponsesBody) {
  const format = body.text?.format ?? { type: 'text' as const };
  return {
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    temperature: body.temperature ?? null,
    top_p: body.top_p ?? null,
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    text: { format },
    metadata: body.metadata ?? {},
    previous_response_id: null,
    store: false,
  };
}

const usageOf = (result: ChatResult) => ({
  input_tokens: result.usage.inputTokens,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: result.usage.outputTokens,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: result.usage.inputTokens + result.usage.outputTokens,
});

const empireOf = (result: ChatResult) => ({
  provider: result.provider,
  cost_micros: result.costMicros,
  cached: result.cached,
  fake: result.fake,
  latency_ms: result.latencyMs,
});

/** A Response object still being written: no output, no usage yet. */
export function responseInProgress(id: string, model: string, body: ResponsesBody, createdAt: number) {
  return {
    id: `resp_${id}`,
    object: 'response' as const,
    created_at: createdAt,
    status: 'in_progress' as const,
    model,
    output: [] as OutputItem[],
    error: null,
    incomplete_details: null,
    ...echoOf(body),
    usage: null,
  };
}

/** The finished Response object; `output` defaults to the items the answer makes. */
export function toResponse(
  id: string,
  result: ChatResult,
  body: ResponsesBody,
  createdAt: number,
  output: OutputItem[] = outputOf(id, result),
) {
  const cutShort = result.finishReason === 'length';
  return {
    ...responseInProgress(id, result.model, body, createdAt),
    status: cutShort ? ('incomplete' as const) : ('completed' as const),
    output,
    incomplete_details: cutShort ? { reason: 'max_output_tokens' as const } : null,
    usage: usageOf(result),
    empire: empireOf(result),
  };
}

/** A message item for the text (when there is text, or nothing else), then one item per call. */
function outputOf(id: string, result: ChatResult): OutputItem[] {
  const status = result.finishReason === 'length' ? 'incomplete' : 'completed';
  const calls = result.toolCalls ?? [];
  const message = result.text !== '' || calls.length === 0 ? [messageItem(`msg_${id}`, result.text, status)] : [];
  return [...message, ...calls.map((call, index) => functionCallItem(`fc_${id}_${index}`, call, status))];
}
