import type { ChatResult, ToolCall, ToolCallDelta } from './types';

const stopReasons = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', other: 'end_turn' } as const;

type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

/** A call's arguments as the object Anthropic's `input` is; text that is not an object is kept whole. */
function inputOf(call: ToolCall): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(call.arguments || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // A model that wrote broken JSON: the caller still sees what it wrote.
  }
  return { arguments: call.arguments };
}

/** Extra fields beside Anthropic's: what it cost and where it ran. */
const empireOf = (result: ChatResult) => ({
  provider: result.provider,
  cost_micros: result.costMicros,
  cached: result.cached,
  fake: result.fake,
  latency_ms: result.latencyMs,
});

/** The router's answer as an Anthropic Message. */
export function toAnthropicMessage(result: ChatResult) {
  const calls = result.toolCalls ?? [];
  const text: ContentBlock[] = result.text !== '' || calls.length === 0 ? [{ type: 'text', text: result.text }] : [];
  const uses: ContentBlock[] = calls.map((call) => ({
    type: 'tool_use',
    id: call.id,
    name: call.name,
    input: inputOf(call),
  }));
  return {
    id: `msg_${result.id}`,
    type: 'message' as const,
    role: 'assistant' as const,
    model: result.model,
    content: [...text, ...uses],
    stop_reason: stopReasons[result.finishReason],
    stop_sequence: null,
    usage: { input_tokens: result.usage.inputTokens, output_tokens: result.usage.outputTokens },
    empire: empireOf(result),
  };
}

export interface AnthropicEvent {
  type: string;
  [field: string]: unknown;
}

/**
 * Turns the router's stream into Anthropic's SSE events: message_start, then each content block
 * started, filled by deltas and stopped, then message_delta (stop reason, usage) and message_stop.
 */
export class AnthropicEventWriter {
  private index = -1;
  private open: 'text' | 'tool' | undefined;
  private readonly calls = new Map<number, number>();

  constructor(private readonly id: string) {}

  start(model: string): AnthropicEvent[] {
    const message = {
      id: `msg_${this.id}`,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      // Input tokens are counted by the upstream as it answers; the final figure is in message_delta.
      usage: { input_tokens: 0, output_tokens: 0 },
    };
    return [{ type: 'message_start', message }];
  }

  text(text: string): AnthropicEvent[] {
    const events = this.open === 'text' ? [] : [...this.close(), ...this.begin('text', { type: 'text', text: '' })];
    events.push({ type: 'content_block_delta', index: this.index, delta: { type: 'text_delta', text } });
    return events;
  }

  toolCall(delta: ToolCallDelta): AnthropicEvent[] {
    const events: AnthropicEvent[] = [];
    if (!this.calls.has(delta.index)) {
      events.push(...this.close());
      const block = {
        type: 'tool_use',
        id: delta.id ?? `toolu_${this.id}_${delta.index}`,
        name: delta.name ?? '',
        input: {},
      };
      events.push(...this.begin('tool', block));
      this.calls.set(delta.index, this.index);
    }
    if (delta.arguments !== '') {
      const index = this.calls.get(delta.index);
      events.push({
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: delta.arguments },
      });
    }
    return events;
  }

  done(result: ChatResult): AnthropicEvent[] {
    return [
      ...this.close(),
      {
        type: 'message_delta',
        delta: { stop_reason: stopReasons[result.finishReason], stop_sequence: null },
        usage: { input_tokens: result.usage.inputTokens, output_tokens: result.usage.outputTokens },
      },
      { type: 'message_stop' },
    ];
  }

  private begin(kind: 'text' | 'tool', block: Record<string, unknown>): AnthropicEvent[] {
    this.index += 1;
    this.open = kind;
    return [{ type: 'content_block_start', index: this.index, content_block: block }];
  }

  private close(): AnthropicEvent[] {
    if (!this.open) return [];
    this.open = undefined;
    return [{ type: 'content_block_stop', index: this.index }];
  }
}

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  503: 'overloaded_error',
};

/** Anthropic's error body for a status: `{type: "error", error: {type, message}}`. */
export function anthropicError(status: number, message: string) {
  return { type: 'error' as const, error: { type: errorTypes[status] ?? 'api_error', message } };
}
