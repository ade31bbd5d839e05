import { tokenCostMicros } from '../budget/money';
import type { ModelEntry } from './catalogue';
import type { ChatMessage } from './types';

// Every token a BPE tokenizer emits covers at least one byte, so UTF-8 bytes bound the token
// count from above whatever the model. Role markers add a few tokens per message.
const PER_MESSAGE_OVERHEAD = 8;
const encoder = new TextEncoder();

/** An upper bound on the input tokens of a request: never below what a provider will bill. */
export function worstCaseInputTokens(messages: ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + encoder.encode(message.content).length + PER_MESSAGE_OVERHEAD, 0);
}

/** A typical estimate (about four characters a token) for fitting context windows. */
export function likelyInputTokens(messages: ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + Math.ceil(message.content.length / 4) + PER_MESSAGE_OVERHEAD, 0);
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
