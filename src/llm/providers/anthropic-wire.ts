import { dataUrlParts } from '../image-input';
import type { ChatMessage, ContentPart, FinishReason, ToolCall } from '../types';
import { ProviderError } from './errors';
import type { ProviderCall } from './types';

// Claude has no JSON mode; the instruction rides in the system prompt instead.
const JSON_INSTRUCTION = 'Answer with one JSON object and nothing else.';

type ImageSource = { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };
type Block =
  | { type: 'text'; text: string }
  | { type: 'image'; source: ImageSource }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; tool_use_id: string; content: string };

type ToolChoice =
  | { type: 'auto' | 'any' | 'tool'; name?: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

/** A block of a finished message, as far as this reads it (thinking and other blocks are passed over). */
export interface AnswerBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
}

interface Turn {
  role: 'user' | 'assistant';
  content: Block[];
}

export function anthropicFinishReason(reason: string | null | undefined): FinishReason {
  if (reason === 'end_turn' || reason === 'stop_sequence') return 'stop';
  if (reason === 'max_tokens') return 'length';
  return reason === 'tool_use' ? 'tool_calls' : 'other';
}

/** OpenAI carries arguments as JSON text; Claude takes the object. */
function toolInput(call: ToolCall): Record<string, unknown> {
  if (call.arguments.trim() === '') return {};
  try {
    const input: unknown = JSON.parse(call.arguments);
    if (typeof input === 'object' && input !== null && !Array.isArray(input)) return input as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new ProviderError('anthropic', 'invalid', `tool call ${call.id}: arguments are not a JSON object`, 400);
}

/** A data URL becomes a base64 source, an https URL a url source; empty text parts are left out. */
function blocksOf(parts: ContentPart[]): Block[] {
  return parts.flatMap((part): Block[] => {
    if (part.type === 'text') return part.text ? [{ type: 'text', text: part.text }] : [];
    const inline = dataUrlParts(part.image.url);
    const source: ImageSource = inline
      ? { type: 'base64', media_type: inline.mediaType, data: inline.data }
      : { type: 'url', url: part.image.url };
    return [{ type: 'image', source }];
  });
}

function turnOf(message: ChatMessage): Turn {
  if (message.parts) return { role: 'user', content: blocksOf(message.parts) };
  if (message.role === 'tool') {
    return {
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: message.toolCallId ?? '', content: message.content }],
    };
  }
  const text: Block[] = message.content ? [{ type: 'text', text: message.content }] : [];
  if (message.role === 'assistant') {
    const uses: Block[] = (message.toolCalls ?? []).map((call) => ({
      type: 'tool_use',
      id: call.id,
      name: call.name,
      input: toolInput(call),
    }));
    return { role: 'assistant', content: [...text, ...uses] };
  }
  return { role: 'user', content: text.length > 0 ? text : [{ type: 'text', text: message.content }] };
}

/**
 * Claude's turns: tool results ride in a user turn, and consecutive turns of one role merge, so
 * every result of one assistant turn arrives together, ahead of any text that follows them.
 */
function turns(messages: ChatMessage[]): Turn[] {
  const out: Turn[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    const turn = turnOf(message);
    const last = out[out.length - 1];
    if (last && last.role === turn.role) last.content.push(...turn.content);
    else out.push(turn);
  }
  return out;
}

/**
 * Claude has no JSON-schema mode; structured output goes through a tool it is forced to call,
 * whose input is the answer. Only without the caller's own tools (support.ts refuses both).
 */
export const schemaToolName = (call: ProviderCall) =>
  call.jsonSchema && !call.tools ? call.jsonSchema.name : undefined;

function tools(call: ProviderCall) {
  const schema = schemaToolName(call) && call.jsonSchema;
  if (schema) {
    const description = schema.description ?? "Give the answer as this tool's input.";
    return [{ name: schema.name, description, input_schema: { type: 'object' as const, ...schema.schema } }];
  }
  return call.tools?.map((tool) => ({
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    input_schema: { type: 'object' as const, ...tool.parameters },
  }));
}

function toolChoice(call: ProviderCall): ToolChoice | undefined {
  const forced = schemaToolName(call);
  if (forced) return { type: 'tool', name: forced };
  const single = call.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  const choice = call.toolChoice;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any', ...single };
  if (typeof choice === 'object') return { type: 'tool', name: choice.name, ...single };
  return choice === 'auto' || call.parallelToolCalls === false ? { type: 'auto', ...single } : undefined;
}

/** The Messages API body: system prompt apart, tools with `input_schema`, stop as stop_sequences. */
export function anthropicBody(call: ProviderCall) {
  const system = call.messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .concat(call.json ? [JSON_INSTRUCTION] : [])
    .join('\n\n');
  const choice = toolChoice(call);
  return {
    model: call.model,
    max_tokens: call.maxTokens,
    messages: turns(call.messages),
    ...(system ? { system } : {}),
    ...(call.temperature === undefined ? {} : { temperature: call.temperature }),
    ...(call.topP === undefined ? {} : { top_p: call.topP }),
    ...(call.stop ? { stop_sequences: call.stop } : {}),
    ...(call.user ? { metadata: { user_id: call.user } } : {}),
    ...(call.tools || call.jsonSchema ? { tools: tools(call) } : {}),
    ...(choice ? { tool_choice: choice } : {}),
  };
}

/** Text and function calls of a finished message; a forced schema tool's input is the answer's text. */
export function answerOf(
  content: readonly AnswerBlock[],
  schemaTool?: string,
): { text: string; toolCalls?: ToolCall[] } {
  const structured = schemaTool && content.find((block) => block.type === 'tool_use' && block.name === schemaTool);
  if (structured) return { text: JSON.stringify(structured.input ?? {}) };
  const text = content.map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join('');
  const toolCalls = content.flatMap((block) =>
    block.type === 'tool_use'
      ? [{ id: block.id ?? '', name: block.name ?? '', arguments: JSON.stringify(block.input ?? {}) }]
      : [],
  );
  return toolCalls.length > 0 ? { text, toolCalls } : { text };
}
