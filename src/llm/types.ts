import type { CallScopes } from '../budget/scopes.ts';

export type Role = 'system' | 'user' | 'assistant';
export interface ChatMessage {
  role: Role;
  content: string;
}

export const taskClasses = ['simple', 'research', 'strategic'] as const;
export type TaskClass = (typeof taskClasses)[number];

export interface ChatRequest {
  messages: ChatMessage[];
  maxTokens: number;
  temperature?: number;
  /** Ask for a JSON object where the provider supports it. */
  json?: boolean;
  /** A catalogue id (`moonshot/kimi-k2.5`) or a provider's model id; wins over the task class. */
  model?: string;
  taskClass?: TaskClass;
  /** Cache even a non-deterministic request (temperature above 0). */
  cache?: boolean;
  scopes: CallScopes;
  requestId: string;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export type FinishReason = 'stop' | 'length' | 'other';

export interface ChatResult {
  id: string;
  text: string;
  /** Catalogue id of the model that answered. */
  model: string;
  provider: string;
  usage: Usage;
  costMicros: number;
  finishReason: FinishReason;
  latencyMs: number;
  cached: boolean;
  /** The answer came from a local fake upstream, not a real model. */
  fake: boolean;
}

export type StreamEvent =
  | { type: 'start'; model: string; provider: string }
  | { type: 'text'; text: string }
  | { type: 'done'; result: ChatResult };
