import { z } from 'zod';
import { InvalidInputError } from '../lib/domain-errors';
import { callerMetadata } from './caller-metadata';
import { UnsupportedParameterError } from './errors';
import { type ChatCompletionBody, type GatewayContext, toChatRequest } from './openai-request';
import type { ChatRequest } from './types';

const functionName = z.string().regex(/^[\w-]{1,64}$/, 'letters, digits, _ and - only, at most 64');
const unsupported = (keys: string[]) =>
  `Unsupported parameter(s): ${keys.join(', ')}: the gateway refuses what it cannot honour`;
const refuseUnknown = {
  error: (issue: { code: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' && issue.keys ? unsupported(issue.keys) : undefined,
};

const textPart = z.strictObject(
  {
    type: z.enum(['input_text', 'output_text']),
    text: z.string(),
    // Output items passed back as input carry these; they say nothing about the next answer.
    annotations: z.array(z.unknown()).optional(),
    logprobs: z.array(z.unknown()).optional(),
  },
  refuseUnknown,
);

const imagePart = z.strictObject(
  {
    type: z.literal('input_image'),
    image_url: z.string().min(1).describe('An https URL, or a data URL: data:image/png|jpeg|gif|webp;base64,...'),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  },
  refuseUnknown,
);

const messageItem = z.strictObject(
  {
    type: z.literal('message').optional(),
    id: z.string().optional(),
    status: z.string().optional(),
    role: z.enum(['user', 'assistant', 'system', 'developer']),
    content: z.union([z.string(), z.array(z.union([textPart, imagePart])).max(1_000)]),
  },
  refuseUnknown,
);

const functionCallItem = z.strictObject(
  {
    type: z.literal('function_call'),
    id: z.string().optional(),
    status: z.string().optional(),
    call_id: z.string().min(1).max(200),
    name: functionName,
    arguments: z.string().max(1_000_000),
  },
  refuseUnknown,
);

const functionOutputItem = z.strictObject(
  {
    type: z.literal('function_call_output'),
    id: z.string().optional(),
    status: z.string().optional(),
    call_id: z.string().min(1).max(200),
    output: z.union([z.string(), z.array(textPart)]),
  },
  refuseUnknown,
);

const functionTool = z.strictObject(
  {
    type: z.literal('function'),
    name: functionName,
    description: z.string().max(10_000).nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish().describe('JSON Schema of the arguments'),
    strict: z.boolean().nullish(),
  },
  refuseUnknown,
);

/** Built-in tools (web_search, file_search, …) are parsed only so they can be refused by name. */
const builtInTool = z.looseObject({
  type: z
    .string()
    .min(1)
    .max(64)
    .refine((type) => type !== 'function', 'a function tool takes type, name, description, parameters and strict'),
});

const textFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    name: functionName,
    description: z.string().optional(),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().nullish(),
  }),
]);

/**
 * OpenAI's Responses API body, stateless: every turn carries the whole conversation. A parameter
 * that is not listed is refused by name; listed ones the gateway cannot honour are refused below.
 */
export const responsesBody = z.strictObject(
  {
    model: z.string().min(1).max(120).describe('A catalogue id or provider model id, or auto / auto:<class>'),
    input: z.union([
      z.string().min(1),
      z
        .array(z.union([functionCallItem, functionOutputItem, messageItem]))
        .min(1)
        .max(1_000),
    ]),
    instructions: z.string().nullish().describe('A system message placed before the input'),
    tools: z
      .array(z.union([functionTool, builtInTool]))
      .max(128)
      .optional(),
    tool_choice: z
      .union([z.enum(['auto', 'none', 'required']), z.object({ type: z.literal('function'), name: functionName })])
      .optional(),
    parallel_tool_calls: z.boolean().nullish(),
    text: z.object({ format: textFormat.optional(), verbosity: z.literal('medium').nullish() }).optional(),
    max_output_tokens: z.number().int().min(1).max(200_000).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    stream: z.boolean().nullish(),
    user: z.string().max(256).optional(),
    safety_identifier: z.string().max(256).optional().describe('Sent on as the end user'),
    metadata: callerMetadata.nullish(),
    store: z.boolean().nullish().describe('Only false: the gateway keeps no responses'),
    truncation: z.literal('disabled').nullish(),
    previous_response_id: z.string().nullish().describe('Refused: the gateway keeps no responses'),
    background: z.boolean().nullish().describe('Refused when true'),
    include: z.array(z.string()).nullish().describe('Refused when not empty'),
  },
  refuseUnknown,
);

export type ResponsesBody = z.infer<typeof responsesBody>;
type InputItem = Exclude<ResponsesBody['input'], string>[number];
type ChatMessageParam = ChatCompletionBody['messages'][number];

/** State, server-side work and built-in tools: things a stateless router cannot do, refused by name. */
function refuseStateful(body: ResponsesBody): void {
  const refuse = (parameter: string, reason: string) => {
    throw new UnsupportedParameterError(parameter, body.model, reason);
  };
  if (body.previous_response_id) refuse('previous_response_id', 'keeps no responses: send the whole input');
  if (body.store) refuse('store', 'keeps no responses: send store: false or leave it out');
  if (body.background) refuse('background', 'runs no background responses');
  if (body.include?.length) refuse('include', 'returns no extra output data');
  body.tools?.forEach((tool, index) => {
    if (tool.type !== 'function') refuse(`tools[${index}].type`, `does not run the built-in tool ${tool.type}`);
  });
}

type MessagePart = z.infer<typeof textPart> | z.infer<typeof imagePart>;

const textOf = (content: string | MessagePart[]) =>
  typeof content === 'string' ? content : content.map((part) => ('text' in part ? part.text : '')).join('');

/** A message item as a chat message; only a user message may show images, as in Chat Completions. */
function messageOf(item: z.infer<typeof messageItem>, index: number): ChatMessageParam {
  const { role, content } = item;
  if (typeof content === 'string' || !content.some((part) => part.type === 'input_image')) {
    return { role, content: textOf(content) };
  }
  if (role !== 'user') {
    throw new InvalidInputError(`input[${index}]: only a user message may carry input_image`, {
      param: `input[${index}].content`,
    });
  }
  const parts = content.map((part) =>
    part.type === 'input_image'
      ? {
          type: 'image_url' as const,
          image_url: { url: part.image_url, ...(part.detail ? { detail: part.detail } : {}) },
        }
      : { type: 'text' as const, text: part.text },
  );
  return { role, content: parts };
}

/**
 * Input items as chat messages; calls right after an assistant message join its turn.
 * `imageOrigins` learns which input item each message item became, so an image is named by its place.
 */
function toMessages(input: ResponsesBody['input'], imageOrigins: number[]): ChatMessageParam[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  const messages: ChatMessageParam[] = [];
  for (const [index, item] of (input as InputItem[]).entries()) {
    if (item.type === 'function_call') {
      const call = {
        id: item.call_id,
        type: 'function' as const,
        function: { name: item.name, arguments: item.arguments },
      };
      const last = messages.at(-1);
      if (last?.role === 'assistant') last.tool_calls = [...(last.tool_calls ?? []), call];
      else messages.push({ role: 'assistant', content: null, tool_calls: [call] });
    } else if (item.type === 'function_call_output') {
      messages.push({ role: 'tool', tool_call_id: item.call_id, content: textOf(item.output) });
    } else {
      messages.push(messageOf(item, index));
      imageOrigins[messages.length - 1] = index;
    }
  }
  return messages;
}

function responseFormat(format: NonNullable<ResponsesBody['text']>['format']): ChatCompletionBody['response_format'] {
  if (format?.type !== 'json_schema') return format;
  const { name, description, schema, strict } = format;
  return { type: 'json_schema', json_schema: { name, description, schema, strict } };
}

/** The Responses body as the Chat Completions body it means, then the router's request from that. */
export function responsesToChatRequest(body: ResponsesBody, context: GatewayContext): ChatRequest {
  refuseStateful(body);
  const instructions: ChatMessageParam[] = body.instructions ? [{ role: 'system', content: body.instructions }] : [];
  const choice = body.tool_choice;
  const origins: number[] = [];
  const chat: ChatCompletionBody = {
    model: body.model,
    messages: [...instructions, ...toMessages(body.input, origins)],
    max_completion_tokens: body.max_output_tokens,
    temperature: body.temperature,
    top_p: body.top_p,
    response_format: responseFormat(body.text?.format),
    tools: body.tools?.flatMap((tool) =>
      tool.type === 'function' ? [{ type: 'function' as const, function: functionOf(tool as FunctionTool) }] : [],
    ),
    tool_choice: typeof choice === 'object' ? { type: 'function', function: { name: choice.name } } : choice,
    parallel_tool_calls: body.parallel_tool_calls,
    user: body.safety_identifier ?? body.user,
    metadata: body.metadata,
  };
  const imageParam = (message: number, part: number) =>
    `input[${origins[message - instructions.length]}].content[${part}]`;
  return toChatRequest(chat, { ...context, imageParam });
}

type FunctionTool = z.infer<typeof functionTool>;

function functionOf(tool: FunctionTool) {
  return {
    name: tool.name,
    description: tool.description ?? undefined,
    parameters: tool.parameters ?? undefined,
    strict: tool.strict,
  };
}
