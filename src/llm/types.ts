import type { CallScopes } from '../budget/scopes.ts';

export type Role = 'system' | 'user' | 'assistant' | 'tool';

/** A function call a model asked for; `arguments` is the JSON text the model wrote. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** An image a user message shows the model: an https URL or a base64 `data:` URL. */
export interface ImageInput {
  url: string;
  detail?: 'auto' | 'low' | 'high';
  /** Where the caller put it (`messages[0].content[1].image_url`), to name it in a refusal. */
  param: string;
}

/** A piece of a message that carries images, in the caller's order. */
export type ContentPart = { type: 'text'; text: string } | { type: 'image'; image: ImageInput };

export interface ChatMessage {
  role: Role;
  /** The message's text (of every text part, joined). */
  content: string;
  /** Present only when the message carries images: its text and images in order. */
  parts?: ContentPart[];
  /** The calls an assistant turn made. */
  toolCalls?: ToolCall[];
  /** On a `tool` message: the call it answers. */
  toolCallId?: string;
}

/** A function the model may call; `parameters` is its JSON Schema. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
  strict?: boolean;
}

/** `required` forces some call, `{ name }` forces that one, `none` forbids calls. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** An answer that must match a JSON Schema. */
export interface JsonSchemaFormat {
  name: string;
  description?: string;
  schema?: Record<string, unknown>;
  strict?: boolean;
}

/**
 * Everything beside the messages that shapes an answer. Each is honoured by the provider that
 * answers or refused by name before the call (see providers/support.ts), never dropped.
 */
export interface AnswerOptions {
  temperature?: number;
  /** Ask for a JSON object where the provider supports it. */
  json?: boolean;
  jsonSchema?: JsonSchemaFormat;
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  topP?: number;
  seed?: number;
  stop?: string[];
  presencePenalty?: number;
  frequencyPenalty?: number;
  logitBias?: Record<string, number>;
  /** The caller's end user, for the provider's abuse tracking. */
  user?: string;
}

export const taskClasses = ['simple', 'research', 'strategic'] as const;
export type TaskClass = (typeof taskClasses)[number];

export interface ChatRequest extends AnswerOptions {
  messages: ChatMessage[];
  maxTokens: number;
  /** A catalogue id (`moonshot/kimi-k2.5`) or a provider's model id; wins over the task class. */
  model?: string;
  taskClass?: TaskClass;
  /** Cache even a non-deterministic request (temperature above 0). */
  cache?: boolean;
  /** The caller's labels (OpenAI's `metadata`), kept on each ledger row; never sent to a provider. */
  metadata?: Record<string, string>;
  /** Whom the request is about (`lead:<id>`), so an erasure finds its cached answer; never sent. */
  subjects?: string[];
  scopes: CallScopes;
  requestId: string;
  /** Catalogue ids the caller may use; absent allows every model. */
  allowedModels?: string[];
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'other';

/** An answer from a cheaper model than the plan preferred, because the preferred one did not fit a cap. */
export interface DowngradeNote {
  downgradedFrom: string;
  reason: 'budget';
}

export interface ChatResult {
  id: string;
  text: string;
  /** Present when the model asked for function calls (`finishReason` is then `tool_calls`). */
  toolCalls?: ToolCall[];
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
  downgrade?: DowngradeNote;
}

/**
 * A piece of a streamed tool call, as OpenAI streams them: the first piece of call `index` has its
 * id and name; later pieces add fragments of its arguments' JSON text.
 */
export interface ToolCallDelta {
  type: 'tool_call';
  index: number;
  id?: string;
  name?: string;
  arguments: string;
}

export type StreamEvent =
  | { type: 'start'; model: string; provider: string; downgrade?: DowngradeNote }
  | { type: 'text'; text: string }
  | ToolCallDelta
  | { type: 'done'; result: ChatResult };
