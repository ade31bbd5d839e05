import { z } from 'zod';
import { UnsupportedParameterError } from './errors';
import { type ChatCompletionBody, type GatewayContext, toChatRequest } from './openai-request';
import type { ChatRequest } from './types';

const toolName = z.string().regex(/^[\w-]{1,64}$/, 'letters, digits, _ and - only, at most 64');
const refuseUnknown = {
  error: (issue: { code: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' && issue.keys
      ? `Unsupported parameter(s): ${issue.keys.join(', ')}: the gateway refuses what it cannot honour`
      : undefined,
};

const cacheControl = z.object({ type: z.literal('ephemeral'), ttl: z.string().optional() }).optional();
const textBlock = z.strictObject(
  { type: z.literal('text'), text: z.string(), cache_control: cacheControl, citations: z.null().optional() },
  refuseUnknown,
);
const toolUseBlock = z.strictObject(
  {
    type: z.literal('tool_use'),
    id: z.string().min(1).max(200),
    name: toolName,
    input: z.record(z.string(), z.unknown()),
    cache_control: cacheControl,
  },
  refuseUnknown,
);
const toolResultBlock = z.strictObject(
  {
    type: z.literal('tool_result'),
    tool_use_id: z.string().min(1).max(200),
    content: z.union([z.string(), z.array(textBlock)]).optional(),
    is_error: z.boolean().optional(),
    cache_control: cacheControl,
  },
  refuseUnknown,
);
const imageBlock = z.strictObject(
  {
    type: z.literal('image'),
    source: z.discriminatedUnion('type', [
      z.strictObject({
        type: z.literal('base64'),
        media_type: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']),
        data: z.string().min(1),
      }),
      z.strictObject({ type: z.literal('url'), url: z.string().min(1) }),
    ]),
    cache_control: cacheControl,
  },
  refuseUnknown,
);
const knownTypes = ['text', 'tool_use', 'tool_result', 'image'];
/** Documents, thinking …: parsed only so they can be refused by name. */
const otherBlock = z.looseObject({
  type: z.string().refine((type) => !knownTypes.includes(type), 'a malformed content block'),
});
const block = z.union([textBlock, toolUseBlock, toolResultBlock, imageBlock, otherBlock]);

const tool = z.strictObject(
  {
    name: toolName,
    description: z.string().max(10_000).optional(),
    input_schema: z.record(z.string(), z.unknown()).describe('JSON Schema of the input'),
    type: z.literal('custom').optional(),
    cache_control: cacheControl,
    // Asks for tool input streamed as it is generated, unbuffered: the gateway relays every
    // provider's tool input that way, so the flag is honoured as it stands.
    eager_input_streaming: z.boolean().optional(),
  },
  refuseUnknown,
);
/** Server tools (web_search_…, code_execution_…) have a versioned type and no input_schema. */
const serverTool = z.looseObject({ type: z.string().refine((type) => type !== 'custom'), name: z.string() });

/** Anthropic's Messages API body. A parameter that is not listed is refused by name, never dropped. */
export const messagesBody = z.strictObject(
  {
    model: z.string().min(1).max(120).describe('A catalogue id or provider model id, or auto / auto:<class>'),
    max_tokens: z.number().int().min(1).max(200_000),
    messages: z
      .array(
        z.strictObject(
          {
            role: z.enum(['user', 'assistant']),
            content: z.union([z.string(), z.array(block).min(1).max(1_000)]),
          },
          refuseUnknown,
        ),
      )
      .min(1)
      .max(1_000),
    system: z.union([z.string(), z.array(textBlock)]).optional(),
    tools: z
      .array(z.union([tool, serverTool]))
      .max(128)
      .optional(),
    tool_choice: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
        z.object({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
        z.object({ type: z.literal('tool'), name: toolName, disable_parallel_tool_use: z.boolean().optional() }),
        z.object({ type: z.literal('none') }),
      ])
      .optional(),
    stop_sequences: z.array(z.string().min(1)).max(4).optional(),
    temperature: z.number().min(0).max(1).optional(),
    top_p: z.number().min(0).max(1).optional(),
    stream: z.boolean().optional(),
    metadata: z.object({ user_id: z.string().max(256).nullish() }).optional(),
  },
  refuseUnknown,
);

export type MessagesBody = z.infer<typeof messagesBody>;
type Block = z.infer<typeof block>;
type ChatMessageParam = ChatCompletionBody['messages'][number];
type ToolResult = z.infer<typeof toolResultBlock>;
type ImageBlock = z.infer<typeof imageBlock>;
type KnownBlock = z.infer<typeof textBlock> | z.infer<typeof toolUseBlock> | ToolResult | ImageBlock;

const textOf = (content: string | { text: string }[] | undefined) =>
  typeof content === 'string' ? content : (content ?? []).map((part) => part.text).join('');

/** A failed tool's output is still the tool's answer; the model is told it failed. */
const resultText = (result: ToolResult) =>
  result.is_error ? `Error: ${textOf(result.content)}` : textOf(result.content);

function refuseBlock(item: Block, where: string, model: string, role: 'user' | 'assistant'): void {
  if (!knownTypes.includes(item.type)) {
    throw new UnsupportedParameterError(`${where}.type`, model, `does not take ${item.type} content blocks`);
  }
  if (item.type === 'image' && role !== 'user') {
    throw new UnsupportedParameterError(where, model, 'takes images in user turns only');
  }
}

/** An image block as a Chat Completions image part: a base64 source becomes a data URL. */
const imagePartOf = (item: ImageBlock) => ({
  type: 'image_url' as const,
  image_url: {
    url: item.source.type === 'base64' ? `data:${item.source.media_type};base64,${item.source.data}` : item.source.url,
  },
});

type UserContent = Extract<ChatMessageParam, { role: 'user' }>['content'];

/** A user turn's text and images in order, or its text alone when it shows none. */
function userContent(blocks: KnownBlock[], text: string): UserContent {
  if (!blocks.some((item) => item.type === 'image')) return text;
  return blocks.flatMap((item): Exclude<UserContent, string> => {
    if (item.type === 'image') return [imagePartOf(item)];
    return item.type === 'text' ? [{ type: 'text', text: item.text }] : [];
  });
}

/** Where a chat message that shows images came from: its turn, and the block behind each of its parts. */
interface ImageOrigin {
  message: number;
  blocks: number[];
}

/** Every turn as chat messages; `origins` learns where each message that shows images came from. */
function toMessages(body: MessagesBody, origins: ImageOrigin[]): ChatMessageParam[] {
  const out: ChatMessageParam[] = [];
  body.messages.forEach((message, index) => {
    out.push(...turnMessages(body, message, index));
    const last = out.at(-1);
    if (last?.role === 'user' && Array.isArray(last.content) && Array.isArray(message.content)) {
      const blocks = message.content.flatMap((item, at) => (item.type === 'image' || item.type === 'text' ? [at] : []));
      origins[out.length - 1] = { message: index, blocks };
    }
  });
  return out;
}

/** One Anthropic turn as chat messages: tool results become `tool` messages, ahead of the turn's text. */
function turnMessages(
  body: MessagesBody,
  message: MessagesBody['messages'][number],
  index: number,
): ChatMessageParam[] {
  if (typeof message.content === 'string') return [{ role: message.role, content: message.content }];
  for (const [at, item] of message.content.entries()) {
    refuseBlock(item, `messages[${index}].content[${at}]`, body.model, message.role);
  }
  const blocks = message.content as KnownBlock[];
  const text = blocks.flatMap((item) => (item.type === 'text' ? [item.text] : [])).join('');
  if (message.role === 'assistant') {
    const calls = blocks.flatMap((item) =>
      item.type === 'tool_use'
        ? [
            {
              id: item.id,
              type: 'function' as const,
              function: { name: item.name, arguments: JSON.stringify(item.input) },
            },
          ]
        : [],
    );
    return [
      calls.length > 0
        ? { role: 'assistant', content: text || null, tool_calls: calls }
        : { role: 'assistant', content: text },
    ];
  }
  const results = blocks.flatMap((item): ChatMessageParam[] =>
    item.type === 'tool_result' ? [{ role: 'tool', tool_call_id: item.tool_use_id, content: resultText(item) }] : [],
  );
  const content = userContent(blocks, text);
  return content === '' && results.length > 0 ? results : [...results, { role: 'user', content }];
}

function toolChoiceOf(choice: MessagesBody['tool_choice']): ChatCompletionBody['tool_choice'] {
  if (!choice) return undefined;
  if (choice.type === 'any') return 'required';
  if (choice.type === 'tool') return { type: 'function', function: { name: choice.name } };
  return choice.type;
}

/** The Messages body as the Chat Completions body it means, then the router's request from that. */
export function messagesToChatRequest(body: MessagesBody, context: GatewayContext): ChatRequest {
  const tools = (body.tools ?? []).map((item, index) => {
    if (!('input_schema' in item)) {
      throw new UnsupportedParameterError(
        `tools[${index}].type`,
        body.model,
        `does not run the server tool ${item.type}`,
      );
    }
    const { name, description, input_schema } = item as z.infer<typeof tool>;
    return { type: 'function' as const, function: { name, description, parameters: input_schema } };
  });
  const system = textOf(body.system);
  const choice = body.tool_choice;
  const origins: ImageOrigin[] = [];
  const chat: ChatCompletionBody = {
    model: body.model,
    messages: [...(system ? [{ role: 'system' as const, content: system }] : []), ...toMessages(body, origins)],
    max_tokens: body.max_tokens,
    temperature: body.temperature,
    top_p: body.top_p,
    stop: body.stop_sequences,
    tools: tools.length > 0 ? tools : undefined,
    tool_choice: toolChoiceOf(choice),
    parallel_tool_calls:
      choice && 'disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use ? false : undefined,
    user: body.metadata?.user_id ?? undefined,
  };
  const imageParam = (message: number, part: number) => {
    const origin = origins[message - (system ? 1 : 0)];
    return `messages[${origin?.message}].content[${origin?.blocks[part]}]`;
  };
  return toChatRequest(chat, { ...context, imageParam });
}
