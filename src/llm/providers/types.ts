import type { ChatMessage, FinishReason, Usage } from '../types';

export const providerIds = ['ollama', 'moonshot', 'anthropic'] as const;
export type ProviderId = (typeof providerIds)[number];

export interface ProviderCall {
  /** The provider's own model id, e.g. `kimi-k2.5`. */
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature?: number;
  json?: boolean;
  signal?: AbortSignal;
}

export interface ProviderResult {
  text: string;
  usage: Usage;
  finishReason: FinishReason;
  fake: boolean;
}

export type ProviderChunk = { type: 'text'; text: string } | { type: 'done'; result: ProviderResult };

/** One LLM provider behind the router: every provider speaks this contract. */
export interface LlmProvider {
  id: ProviderId;
  chat(call: ProviderCall): Promise<ProviderResult>;
  stream(call: ProviderCall): AsyncIterable<ProviderChunk>;
}
