import type { AnswerOptions, ChatMessage, FinishReason, ToolCall, ToolCallDelta, Usage } from '../types';
import type { ParameterRefusal } from './support';

export const providerIds = ['ollama', 'moonshot', 'anthropic', 'openai'] as const;
export type ProviderId = (typeof providerIds)[number];

export interface ProviderCall extends AnswerOptions {
  /** The provider's own model id, e.g. `kimi-k2.5`. */
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  signal?: AbortSignal;
}

export interface ProviderResult {
  text: string;
  toolCalls?: ToolCall[];
  usage: Usage;
  finishReason: FinishReason;
  fake: boolean;
}

export type ProviderChunk = { type: 'text'; text: string } | ToolCallDelta | { type: 'done'; result: ProviderResult };

/** Texts to embed with one model; `dimensions` only where the model takes it. */
export interface EmbedCall {
  model: string;
  input: string[];
  dimensions?: number;
  user?: string;
  signal?: AbortSignal;
}

export interface EmbedResult {
  /** One vector per input, in input order. */
  vectors: number[][];
  /** The provider's count, when it reports one. */
  inputTokens?: number;
  fake: boolean;
}

/** One LLM provider behind the router: every provider speaks this contract. */
export interface LlmProvider {
  id: ProviderId;
  /** The first parameter of the call this provider cannot honour, checked before anything is sent. */
  refusal(call: ProviderCall): ParameterRefusal | undefined;
  chat(call: ProviderCall): Promise<ProviderResult>;
  stream(call: ProviderCall): AsyncIterable<ProviderChunk>;
  /** Embeddings, for a provider that serves embeddings models (Anthropic has none). */
  embed?(call: EmbedCall): Promise<EmbedResult>;
}
