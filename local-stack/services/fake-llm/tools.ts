import type { Json, JsonObject } from './http.ts';
import { isObject } from './http.ts';
import { contentText, stableId, words } from './text.ts';

/** A function call the fake decided to make: its arguments as an object. */
export interface FakeToolCall {
  id: string;
  name: string;
  input: JsonObject;
}

interface OfferedTool {
  name: string;
  schema: JsonObject;
}

const ECHO_WORDS = 20;
const list = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);
const objects = (value: Json | undefined): JsonObject[] => list(value).filter(isObject);

/** The tools of a request: OpenAI's `{type, function: {name, parameters}}` or Claude's `{name, input_schema}`. */
function offered(body: JsonObject, style: 'openai' | 'anthropic'): OfferedTool[] {
  return objects(body.tools).flatMap((tool) => {
    const spec = style === 'openai' && isObject(tool.function) ? tool.function : tool;
    const schema = style === 'openai' ? spec.parameters : spec.input_schema;
    return typeof spec.name === 'string' ? [{ name: spec.name, schema: isObject(schema) ? schema : {} }] : [];
  });
}

/** Which tool `tool_choice` allows first, or undefined when it forbids calls. */
function chosen(body: JsonObject, tools: OfferedTool[]): OfferedTool | undefined {
  const choice = body.tool_choice;
  if (choice === 'none' || (isObject(choice) && choice.type === 'none')) return undefined;
  const named = isObject(choice) ? (isObject(choice.function) ? choice.function.name : choice.name) : undefined;
  return typeof named === 'string' ? tools.find((tool) => tool.name === named) : tools[0];
}

/** Arguments that satisfy a simple JSON Schema: strings echo the user, numbers are 1. */
export function argumentsFor(schema: JsonObject, text: string): JsonObject {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = list(schema.required).filter((key): key is string => typeof key === 'string');
  const keys = required.length > 0 ? required : Object.keys(properties);
  const echo = words(text).slice(0, ECHO_WORDS).join(' ') || 'ok';
  const valueFor = (property: Json | undefined): Json => {
    const type = isObject(property) ? property.type : undefined;
    if (type === 'integer' || type === 'number') return 1;
    if (type === 'boolean') return true;
    if (type === 'array') return [];
    if (type === 'object') return {};
    return echo;
  };
  return Object.fromEntries(keys.map((key) => [key, valueFor(properties[key])]));
}

/** The call the fake makes: when tools are offered and allowed and the turn is the user's, not a tool result's. */
export function plannedCall(body: JsonObject, style: 'openai' | 'anthropic', userText: string, awaitingTool: boolean) {
  if (awaitingTool) return undefined;
  const tool = chosen(body, offered(body, style));
  if (!tool) return undefined;
  const prefix = style === 'openai' ? 'call_fake_' : 'toolu_fake_';
  const call: FakeToolCall = {
    id: stableId(prefix, body, 16),
    name: tool.name,
    input: argumentsFor(tool.schema, userText),
  };
  return call;
}

/** What the fake bills for a call it makes: a token a word of its JSON, at least one. */
export const callTokens = (call: FakeToolCall) =>
  Math.max(1, words(`${call.name} ${JSON.stringify(call.input)}`).length);

/** Tool definitions are prompt too: characters / 4, as the rest of the fake's input count. */
export const toolTokens = (body: JsonObject) =>
  body.tools === undefined ? 0 : Math.ceil(JSON.stringify(body.tools).length / 4);

/** Pieces of an arguments JSON text that concatenate back to it, as a stream sends them. */
export function argumentPieces(json: string): string[] {
  const cut = Math.max(1, Math.floor(json.length / 2));
  return [json.slice(0, cut), json.slice(cut)].filter((piece) => piece !== '');
}

/**
 * OpenAI's rules for tool messages: each answers a call of the assistant turn before it, and every
 * call of that turn is answered before the next non-tool message. Returns the problem, if any.
 */
export function openAiToolProblem(messages: Json[]): string | undefined {
  let pending = new Set<string>();
  for (const message of messages.filter(isObject)) {
    if (message.role === 'tool') {
      const id = message.tool_call_id;
      if (typeof id !== 'string' || !pending.delete(id)) {
        return `Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls' (${String(id)}) (fake)`;
      }
      continue;
    }
    if (pending.size > 0) {
      return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. Missing: ${[...pending].join(', ')} (fake)`;
    }
    const calls = message.role === 'assistant' ? objects(message.tool_calls) : [];
    pending = new Set(calls.map((call) => call.id).filter((id): id is string => typeof id === 'string'));
  }
  return pending.size > 0 ? `Tool calls left unanswered: ${[...pending].join(', ')} (fake)` : undefined;
}

/** The text of the tool results a request ends with (OpenAI `tool` messages or Claude `tool_result` blocks). */
export function trailingToolResults(messages: Json[]): string | undefined {
  const last = messages[messages.length - 1];
  if (!isObject(last)) return undefined;
  if (last.role === 'tool') return contentText(last.content);
  const results = objects(last.content).filter((block) => block.type === 'tool_result');
  if (last.role !== 'user' || results.length === 0) return undefined;
  return results.map((block) => contentText(block.content)).join('\n');
}

/**
 * Claude's rules: tools carry `input_schema`; tool_choice is an object; every tool_use of an
 * assistant turn is answered by a tool_result in the user turn right after it, and nowhere else.
 */
export function anthropicToolProblem(body: JsonObject): string | undefined {
  const badTool = objects(body.tools).find((tool) => !isObject(tool.input_schema));
  if (badTool) return `tools.${String(badTool.name)}.input_schema: Field required (fake)`;
  if (body.tool_choice !== undefined && !isObject(body.tool_choice))
    return 'tool_choice: Input should be an object (fake)';
  let pending = new Set<string>();
  for (const message of objects(body.messages)) {
    const blocks = objects(message.content);
    const answered = blocks.filter((block) => block.type === 'tool_result').map((block) => block.tool_use_id);
    for (const id of answered) {
      if (typeof id !== 'string' || !pending.delete(id)) {
        return `messages: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message. (fake)`;
      }
    }
    if (pending.size > 0) {
      return `messages: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${[...pending].join(', ')} (fake)`;
    }
    const uses = message.role === 'assistant' ? blocks.filter((block) => block.type === 'tool_use') : [];
    pending = new Set(uses.map((block) => block.id).filter((id): id is string => typeof id === 'string'));
  }
  return pending.size > 0
    ? `messages: tool_use left without a tool_result: ${[...pending].join(', ')} (fake)`
    : undefined;
}
