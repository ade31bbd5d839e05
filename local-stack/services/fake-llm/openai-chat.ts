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
  stableId,
  streamPieces,
  words,
} from './text.ts';
import type { FakeToolCall } from './tools.ts';
import {
  argumentPieces,
  argumentsFor,
  callTokens,
  openAiToolProblem,
  plannedCall,
  toolTokens,
  trailingToolResults,
} from './tools.ts';

const FINGERPRINT = 'empire-fake';

interface Completion {
  id: string;
  created: number;
  model: string;
  reply: Reply;
  prompt: number;
  finish: 'stop' | 'length' | 'tool_calls';
  /** Set when the fake answers with a function call instead of text. */
  call?: FakeToolCall;
}

const outputTokens = (c: Completion) => (c.call ? callTokens(c.call) : c.reply.outputTokens);

/** A call in the shape of fixtures/llm/openai_chat_completion_tool_calls.json. */
const wireCall = (call: FakeToolCall) => ({
  id: call.id,
  type: 'function',
  function: { name: call.name, arguments: JSON.stringify(call.input) },
});

function usage(prompt: number, completion: number): JsonObject {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function completionBody(c: Completion): Json {
  return {
    id: c.id,
    object: 'chat.completion',
    created: c.created,
    model: c.model,
    choices: [
      {
        index: 0,
        message: c.call
          ? { role: 'assistant', content: null, refusal: null, annotations: [], tool_calls: [wireCall(c.call)] }
          : { role: 'assistant', content: c.reply.text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: c.finish,
      },
    ],
    usage: usage(c.prompt, outputTokens(c)),
    service_tier: 'default',
    system_fingerprint: FINGERPRINT,
  };
}

/** The chunk sequence of fixtures/llm/openai_chat_stream.txt: role, content pieces, finish, optional usage, [DONE]. */
function streamCompletion(ctx: LlmRequest, c: Completion): void {
  const options = isObject(ctx.body.stream_options) ? ctx.body.stream_options : {};
  const withUsage = options.include_usage === true;
  const obfuscate = options.include_obfuscation !== false;
  let n = 0;
  const chunk = (choices: Json[], usageValue?: Json): string => {
    const data: JsonObject = {
      id: c.id,
      object: 'chat.completion.chunk',
      created: c.created,
      model: c.model,
      service_tier: 'default',
      system_fingerprint: FINGERPRINT,
      choices,
    };
    if (withUsage) data.usage = usageValue ?? null;
    // Real chunks carry random padding here; a fixed filler keeps replies deterministic.
    if (obfuscate) data.obfuscation = 'x'.repeat(1 + (n++ % 6));
    return `data: ${JSON.stringify(data)}\n\n`;
  };
  const choice = (delta: JsonObject, finish: string | null): Json => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finish,
  });

  const { res } = ctx;
  startSse(res);
  if (c.call) {
    // fixtures/llm/openai_chat_stream_tool_calls.txt: id and name first, then argument fragments.
    const head = { index: 0, id: c.call.id, type: 'function', function: { name: c.call.name, arguments: '' } };
    res.write(chunk([choice({ role: 'assistant', content: null, tool_calls: [head], refusal: null }, null)]));
    for (const piece of argumentPieces(JSON.stringify(c.call.input))) {
      res.write(chunk([choice({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null)]));
    }
  } else {
    res.write(chunk([choice({ role: 'assistant', content: '', refusal: null }, null)]));
    for (const piece of streamPieces(c.reply.text)) {
      res.write(chunk([choice({ content: piece }, null)]));
      if (ctx.failMidstream) {
        // OpenAI-compatible servers report a failure after the start as an error object in the stream.
        res.end(`data: ${JSON.stringify(errorBody('openai', 500))}\n\n`);
        return;
      }
    }
  }
  res.write(chunk([choice({}, c.finish)]));
  if (withUsage) res.write(chunk([], usage(c.prompt, outputTokens(c))));
  res.end('data: [DONE]\n\n');
}

export function chatCompletions(ctx: LlmRequest): void {
  const { body, res } = ctx;
  const model = str(body, 'model');
  const messages = body.messages;
  if (!model || !Array.isArray(messages) || messages.length === 0) {
    const message = model ? "'messages' must be a non-empty array (fake)" : 'you must provide a model parameter (fake)';
    sendJson(res, 400, errorBody('openai', 400, message));
    return;
  }
  const toolProblem = openAiToolProblem(messages);
  if (toolProblem) {
    sendJson(res, 400, errorBody('openai', 400, toolProblem));
    return;
  }
  const format = body.response_format;
  const jsonMode = isObject(format) && format.type === 'json_object';
  const maxTokens = num(body, 'max_completion_tokens') ?? num(body, 'max_tokens');
  const texts = messages.map((message) => (isObject(message) ? contentText(message.content) : ''));
  // After tool results the fake answers from them, so a caller sees its result reached the model.
  const toolResults = trailingToolResults(messages);
  // A json_schema response format gets an answer that fits the schema, as structured outputs do.
  const schema = isObject(format) && isObject(format.json_schema) ? format.json_schema.schema : undefined;
  const fitted = isObject(schema) ? JSON.stringify(argumentsFor(schema, lastUserText(messages))) : undefined;
  const unscriptedReply = buildReply(
    toolResults ?? lastUserText(messages),
    jsonMode,
    maxTokens,
    fitted ?? exampleIn(texts),
  );
  const scripted = ctx.scripts?.turnFor(messages);
  const call =
    scripted && 'call' in scripted
      ? { id: stableId('call_fake_', body, 16), name: scripted.call.name, input: scripted.call.arguments }
      : scripted
        ? undefined
        : plannedCall(body, 'openai', lastUserText(messages), toolResults !== undefined);
  const reply =
    scripted && 'text' in scripted
      ? { text: scripted.text, outputTokens: Math.max(1, words(scripted.text).length), truncated: false }
      : unscriptedReply;
  const completion: Completion = {
    id: stableId('chatcmpl-fake-', body),
    created: Math.floor(Date.now() / 1000),
    model,
    reply,
    prompt: inputTokens(messages) + toolTokens(body),
    finish: call ? 'tool_calls' : reply.truncated ? 'length' : 'stop',
    ...(call ? { call } : {}),
  };
  if (body.stream === true) streamCompletion(ctx, completion);
  else sendJson(res, 200, completionBody(completion));
}
