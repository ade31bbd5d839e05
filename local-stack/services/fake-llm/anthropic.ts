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

interface Message {
  id: string;
  model: string;
  reply: Reply;
  input: number;
  stopReason: 'end_turn' | 'max_tokens';
}

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
    content: [{ type: 'text', text: m.reply.text }],
    stop_reason: m.stopReason,
    stop_sequence: null,
    usage: usage(m.input, m.reply.outputTokens),
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
  for (const text of streamPieces(m.reply.text)) {
    res.write(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }));
  }
  res.write(event('content_block_stop', { index: 0 }));
  const finalUsage = {
    input_tokens: m.input,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: m.reply.outputTokens,
  };
  res.write(event('message_delta', { delta: { stop_reason: m.stopReason, stop_sequence: null }, usage: finalUsage }));
  res.end(event('message_stop', {}));
}

function invalid(body: JsonObject): string | undefined {
  if (!str(body, 'model')) return 'model: Field required (fake)';
  if (num(body, 'max_tokens') === undefined) return 'max_tokens: Field required (fake)';
  const list = body.messages;
  if (!Array.isArray(list) || list.length === 0) return 'messages: at least one message is required (fake)';
  return undefined;
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
  const reply = buildReply(lastUserText(list), false, num(body, 'max_tokens'), exampleIn(texts));
  const message: Message = {
    id: stableId('msg_fake_', body),
    model: str(body, 'model') ?? '',
    reply,
    input: inputTokens(list, body.system),
    stopReason: reply.truncated ? 'max_tokens' : 'end_turn',
  };
  const headers = { 'request-id': requestId() };
  if (body.stream === true) streamMessage(ctx, message, headers);
  else sendJson(res, 200, messageBody(message), headers);
}

export function models(ctx: LlmRequest): void {
  sendJson(ctx.res, 200, anthropicModelList());
}
