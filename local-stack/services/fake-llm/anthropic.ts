import { anthropicModelList } from './catalogue.ts';
import type { LlmRequest } from './context.ts';
import { errorBody } from './faults.ts';
import type { Json, JsonObject } from './http.ts';
import { isObject, num, sendJson, startSse, str } from './http.ts';
import type { Reply } from './text.ts';
import {
  buildReply,
  contentText,
  exampleIn,
  inputTokens,
  lastUserText,
  requestId,
  stableId,
  streamPieces,
} from './text.ts';
import type { FakeToolCall } from './tools.ts';
import {
  anthropicToolProblem,
  argumentPieces,
  callTokens,
  plannedCall,
  toolTokens,
  trailingToolResults,
} from './tools.ts';

interface Message {
  id: string;
  model: string;
  reply: Reply;
  input: number;
  stopReason: 'end_turn' | 'max_tokens' | 'tool_use';
  /** Set when the fake answers with a tool_use block after a short text block. */
  call?: FakeToolCall;
}

const outputTokens = (m: Message) => (m.call ? callTokens(m.call) + 1 : m.reply.outputTokens);
const callText = (call: FakeToolCall) => `[fake] calling ${call.name}`;

function usage(input: number, output: number): JsonObject {
  return {
    input_tokens: input,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: output,
    service_tier: 'standard',
  };
}

function event(type: string, data: JsonObject): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

function messageBody(m: Message): Json {
  return {
    id: m.id,
    type: 'message',
    role: 'assistant',
    model: m.model,
    // fixtures/llm/anthropic_message_tool_use.json: a text block, then the tool_use block.
    content: m.call
      ? [
          { type: 'text', text: callText(m.call) },
          { type: 'tool_use', id: m.call.id, name: m.call.name, input: m.call.input },
        ]
      : [{ type: 'text', text: m.reply.text }],
    stop_reason: m.stopReason,
    stop_sequence: null,
    usage: usage(m.input, outputTokens(m)),
  };
}

/** The event sequence of fixtures/llm/anthropic_stream.txt, usage in message_start and message_delta. */
function streamMessage(ctx: LlmRequest, m: Message, headers: Record<string, string>): void {
  const { res } = ctx;
  startSse(res, headers);
  const start: Json = {
    id: m.id,
    type: 'message',
    role: 'assistant',
    model: m.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: usage(m.input, 1),
  };
  res.write(event('message_start', { message: start }));
  res.write(event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
  res.write(event('ping', {}));
  for (const text of streamPieces(m.call ? callText(m.call) : m.reply.text)) {
    res.write(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }));
    if (ctx.failMidstream) {
      res.end(event('error', errorBody('anthropic', 529) as JsonObject));
      return;
    }
  }
  res.write(event('content_block_stop', { index: 0 }));
  if (m.call) streamToolUse(ctx, m.call);
  const finalUsage = {
    input_tokens: m.input,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: outputTokens(m),
  };
  res.write(event('message_delta', { delta: { stop_reason: m.stopReason, stop_sequence: null }, usage: finalUsage }));
  res.end(event('message_stop', {}));
}

/** fixtures/llm/anthropic_stream_tool_use.txt: input `{}` at the start, then partial_json fragments (the first empty). */
function streamToolUse(ctx: LlmRequest, call: FakeToolCall): void {
  const block = { type: 'tool_use', id: call.id, name: call.name, input: {} };
  ctx.res.write(event('content_block_start', { index: 1, content_block: block }));
  for (const partial_json of ['', ...argumentPieces(JSON.stringify(call.input))]) {
    ctx.res.write(event('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json } }));
  }
  ctx.res.write(event('content_block_stop', { index: 1 }));
}

function invalid(body: JsonObject): string | undefined {
  if (!str(body, 'model')) return 'model: Field required (fake)';
  if (num(body, 'max_tokens') === undefined) return 'max_tokens: Field required (fake)';
  const list = body.messages;
  if (!Array.isArray(list) || list.length === 0) return 'messages: at least one message is required (fake)';
  return anthropicToolProblem(body);
}

export function messages(ctx: LlmRequest): void {
  const { body, res } = ctx;
  const problem = invalid(body);
  if (problem) {
    sendJson(res, 400, errorBody('anthropic', 400, problem));
    return;
  }
  const list = Array.isArray(body.messages) ? body.messages : [];
  const texts = [
    contentText(body.system),
    ...list.map((message) => (isObject(message) ? contentText(message.content) : '')),
  ];
  // After tool results the fake answers from them, so a caller sees its result reached the model.
  const toolResults = trailingToolResults(list);
  const reply = buildReply(toolResults ?? lastUserText(list), false, num(body, 'max_tokens'), exampleIn(texts));
  const call = plannedCall(body, 'anthropic', lastUserText(list), toolResults !== undefined);
  const message: Message = {
    id: stableId('msg_fake_', body),
    model: str(body, 'model') ?? '',
    reply,
    input: inputTokens(list, body.system) + toolTokens(body),
    stopReason: call ? 'tool_use' : reply.truncated ? 'max_tokens' : 'end_turn',
    ...(call ? { call } : {}),
  };
  const headers = { 'request-id': requestId() };
  if (body.stream === true) streamMessage(ctx, message, headers);
  else sendJson(res, 200, messageBody(message), headers);
}

export function models(ctx: LlmRequest): void {
  sendJson(ctx.res, 200, anthropicModelList());
}
