import { z } from 'zod';
import type { CallScopes } from '../budget/scopes';
import { callerMetadata } from './caller-metadata';
import { UnsupportedParameterError } from './errors';
import { checkImage, checkImageCount } from './image-input';
import { isTaskClass } from './policy';
import type { ChatMessage, ChatRequest, ContentPart, TaskClass, ToolChoice } from './types';

const DEFAULT_MAX_TOKENS = 1_024;

const textPart = z.object({ type: z.literal('text'), text: z.string() });
const imagePart = z.object({
  type: z.literal('image_url'),
  image_url: z.object({
    url: z.string().min(1).describe('An https URL, or a data URL: data:image/png|jpeg|gif|webp;base64,...'),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  }),
});
const content = z.union([z.string(), z.array(textPart)]);
/** Only a user message shows images, as OpenAI allows. */
const userContent = z.union([z.string(), z.array(z.discriminatedUnion('type', [textPart, imagePart]))]);
const name = z.string().max(64).optional();
const functionName = z.string().regex(/^[\w-]{1,64}$/, 'letters, digits, _ and - only, at most 64');

const toolCall = z.object({
  id: z.string().min(1).max(200),
  type: z.literal('function'),
  function: z.object({ name: functionName, arguments: z.string().max(1_000_000) }),
});

const message = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content, name }),
  z.object({ role: z.literal('developer'), content, name }),
  z.object({ role: z.literal('user'), content: userContent, name }),
  z.object({
    role: z.literal('assistant'),
    content: content.nullish(),
    name,
    tool_calls: z.array(toolCall).max(128).optional(),
  }),
  z.object({ role: z.literal('tool'), content, tool_call_id: z.string().min(1).max(200) }),
]);

const tool = z.object({
  type: z.literal('function'),
  function: z.object({
    name: functionName,
    description: z.string().max(10_000).optional(),
    parameters: z.record(z.string(), z.unknown()).optional().describe('JSON Schema of the arguments'),
    strict: z.boolean().nullish(),
  }),
});

const responseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: functionName,
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

const penalty = z.number().min(-2).max(2).nullish();

/** OpenAI's Chat Completions body. A parameter that is not listed here is refused by name, never dropped. */
export const chatCompletionBody = z.strictObject(
  {
    model: z
      .string()
      .min(1)
      .max(120)
      .describe('A catalogue id or provider model id, or auto / auto:simple / auto:research / auto:strategic'),
    messages: z.array(message).min(1).max(1_000),
    max_tokens: z.number().int().min(1).max(200_000).nullish(),
    max_completion_tokens: z.number().int().min(1).max(200_000).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    seed: z.number().int().nullish(),
    stop: z.union([z.string(), z.array(z.string()).min(1).max(4)]).nullish(),
    presence_penalty: penalty,
    frequency_penalty: penalty,
    logit_bias: z.record(z.string(), z.number().min(-100).max(100)).nullish(),
    n: z.number().int().min(1).max(128).nullish().describe('Only 1: the gateway answers with one choice'),
    logprobs: z.boolean().nullish().describe('Not supported: true is refused'),
    top_logprobs: z.number().int().min(0).max(20).nullish().describe('Not supported: refused'),
    stream: z.boolean().nullish(),
    stream_options: z
      .object({ include_usage: z.boolean().optional(), include_obfuscation: z.boolean().optional() })
      .nullish(),
    response_format: responseFormat.optional(),
    tools: z.array(tool).max(128).optional(),
    tool_choice: z
      .union([
        z.enum(['auto', 'none', 'required']),
        z.object({ type: z.literal('function'), function: z.object({ name: functionName }) }),
      ])
      .optional(),
    parallel_tool_calls: z.boolean().nullish(),
    user: z.string().max(256).optional().describe('The end user: sent on, and recorded on the ledger'),
    metadata: callerMetadata.nullish(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unsupported parameter(s): ${issue.keys.join(', ')}: the gateway refuses what it cannot honour`
        : undefined,
  },
);

export type ChatCompletionBody = z.infer<typeof chatCompletionBody>;

/** Who asks and how, as the edge read it from the request around the body. */
export interface GatewayContext {
  requestId: string;
  scopes: CallScopes;
  taskClassHeader?: string;
  cacheHeader?: boolean;
  /** The caller's key may call only these catalogue models. */
  allowedModels?: string[];
  /** How to name an image where the caller put it, when the body came in another wire format. */
  imageParam?: ImageParam;
}
type BodyMessage = ChatCompletionBody['messages'][number];

/** `auto` routes by classification, `auto:<class>` by that class, anything else is an explicit model. */
function modelChoice(model: string, headerClass: string | undefined): { model?: string; taskClass?: TaskClass } {
  const [head, tail] = model.split(':');
  if (head !== 'auto') return { model };
  const named = tail ?? headerClass;
  return named && isTaskClass(named) ? { taskClass: named } : {};
}

type BodyPart = z.infer<typeof textPart> | z.infer<typeof imagePart>;

const textOf = (value: BodyMessage['content']) =>
  typeof value === 'string'
    ? value
    : (value ?? []).map((part: BodyPart) => (part.type === 'text' ? part.text : '')).join('');

/** The text and images of a message that carries images, each image checked and named by its place. */
/** Names an image by where the caller put it; other wire formats translated to this one pass their own. */
export type ImageParam = (message: number, part: number) => string;
const chatImageParam: ImageParam = (message, part) => `messages[${message}].content[${part}].image_url`;

function partsOf(value: BodyMessage['content'], index: number, imageParam: ImageParam): ContentPart[] | undefined {
  if (typeof value === 'string' || !value?.some((part: BodyPart) => part.type === 'image_url')) return undefined;
  return value.map((part: BodyPart, at): ContentPart => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    const { url, detail } = part.image_url;
    const param = imageParam(index, at);
    return { type: 'image', image: checkImage(detail ? { url, detail, param } : { url, param }) };
  });
}

function chatMessage(message: BodyMessage, index: number, imageParam: ImageParam): ChatMessage {
  const text = textOf(message.content);
  const parts = message.role === 'user' ? partsOf(message.content, index, imageParam) : undefined;
  if (parts) return { role: 'user', content: text, parts };
  if (message.role === 'tool') return { role: 'tool', content: text, toolCallId: message.tool_call_id };
  if (message.role === 'assistant' && message.tool_calls?.length) {
    const toolCalls = message.tool_calls.map((call) => ({
      id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
    }));
    return { role: 'assistant', content: text, toolCalls };
  }
  return { role: message.role === 'developer' ? 'system' : message.role, content: text };
}

function toolChoice(choice: ChatCompletionBody['tool_choice']): ToolChoice | undefined {
  if (choice === undefined || typeof choice === 'string') return choice;
  return { name: choice.function.name };
}

/** Parameters no provider behind the gateway can honour: refused whatever the model. */
function refuseEverywhere(body: ChatCompletionBody): void {
  if ((body.n ?? 1) > 1) throw new UnsupportedParameterError('n', body.model, 'answers with one choice only');
  if (body.logprobs) throw new UnsupportedParameterError('logprobs', body.model, 'does not return log probabilities');
  if (body.top_logprobs != null) {
    throw new UnsupportedParameterError('top_logprobs', body.model, 'does not return log probabilities');
  }
}

const optional = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

export function toChatRequest(body: ChatCompletionBody, context: GatewayContext): ChatRequest {
  refuseEverywhere(body);
  const messages = body.messages.map((message, index) =>
    chatMessage(message, index, context.imageParam ?? chatImageParam),
  );
  checkImageCount(messages);
  const format = body.response_format;
  const schema = format?.type === 'json_schema' ? format.json_schema : undefined;
  const request: ChatRequest = {
    ...modelChoice(body.model, context.taskClassHeader),
    messages,
    maxTokens: body.max_completion_tokens ?? body.max_tokens ?? DEFAULT_MAX_TOKENS,
    temperature: optional(body.temperature),
    json: format?.type === 'json_object' || undefined,
    jsonSchema: schema && {
      name: schema.name,
      description: schema.description,
      schema: schema.schema,
      strict: optional(schema.strict),
    },
    tools: body.tools?.map(({ function: fn }) => ({
      name: fn.name,
      description: fn.description,
      parameters: fn.parameters,
      strict: optional(fn.strict),
    })),
    toolChoice: toolChoice(body.tool_choice),
    parallelToolCalls: optional(body.parallel_tool_calls),
    topP: optional(body.top_p),
    seed: optional(body.seed),
    stop: typeof body.stop === 'string' ? [body.stop] : optional(body.stop),
    presencePenalty: optional(body.presence_penalty),
    frequencyPenalty: optional(body.frequency_penalty),
    logitBias: optional(body.logit_bias),
    user: body.user,
    metadata: body.metadata && Object.keys(body.metadata).length > 0 ? body.metadata : undefined,
    cache: context.cacheHeader,
    scopes: context.scopes,
    requestId: context.requestId,
    allowedModels: context.allowedModels,
  };
  // Unset options stay absent: a provider sees, and the cache key covers, only what was asked.
  return Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined)) as ChatRequest;
}
