import { tokenCostMicros } from '../budget/money';
import type { ModelEntry } from './catalogue';
import { IMAGE_TOKEN_BOUND } from './image-input';
import type { ChatMessage, ChatRequest } from './types';

// Every token a BPE tokenizer emits covers at least one byte, so UTF-8 bytes bound the token
// count from above whatever the model. Role markers add a few tokens per message.
const PER_MESSAGE_OVERHEAD = 8;
// Providers wrap tool definitions in a prompt of their own (Claude's is 300-odd tokens).
const TOOL_PROMPT_OVERHEAD = 1_024;
const encoder = new TextEncoder();

/** Tool definitions and a JSON schema: the provider reads them as prompt too. */
type Schemas = Pick<ChatRequest, 'tools' | 'jsonSchema'>;

/** The text a provider reads for one message: content, tool calls and the call id answered. */
const messageText = (message: ChatMessage) =>
  message.toolCalls || message.toolCallId
    ? `${message.content}${message.toolCallId ?? ''}${JSON.stringify(message.toolCalls ?? [])}`
    : message.content;

const schemaText = (schemas: Schemas) =>
  (schemas.tools ? JSON.stringify(schemas.tools) : '') + (schemas.jsonSchema ? JSON.stringify(schemas.jsonSchema) : '');

const overhead = (schemas: Schemas) => (schemas.tools || schemas.jsonSchema ? TOOL_PROMPT_OVERHEAD : 0);

/** Images are billed by their pixels, not their bytes: each counts at the bound any vision model bills. */
const imageTokens = (message: ChatMessage) =>
  (message.parts ?? []).filter((part) => part.type === 'image').length * IMAGE_TOKEN_BOUND;

/** An upper bound on the input tokens of a request: never below what a provider will bill. */
export function worstCaseInputTokens(messages: ChatMessage[], schemas: Schemas = {}): number {
  return messages.reduce(
    (sum, message) => sum + encoder.encode(messageText(message)).length + imageTokens(message) + PER_MESSAGE_OVERHEAD,
    encoder.encode(schemaText(schemas)).length + overhead(schemas),
  );
}

/** A typical estimate (about four characters a token) for fitting context windows. */
export function likelyInputTokens(messages: ChatMessage[], schemas: Schemas = {}): number {
  return messages.reduce(
    (sum, message) => sum + Math.ceil(messageText(message).length / 4) + imageTokens(message) + PER_MESSAGE_OVERHEAD,
    Math.ceil(schemaText(schemas).length / 4) + overhead(schemas),
  );
}

export function worstCaseCostMicros(model: ModelEntry, inputTokens: number, maxTokens: number): number {
  return (
    tokenCostMicros(inputTokens, model.inputMicrosPerMillion) + tokenCostMicros(maxTokens, model.outputMicrosPerMillion)
  );
}

export function actualCostMicros(model: ModelEntry, usage: { inputTokens: number; outputTokens: number }): number {
  return (
    tokenCostMicros(usage.inputTokens, model.inputMicrosPerMillion) +
    tokenCostMicros(usage.outputTokens, model.outputMicrosPerMillion)
  );
}
