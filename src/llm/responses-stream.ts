import {
  type FunctionCallItem,
  functionCallItem,
  type MessageItem,
  messageItem,
  type OutputItem,
  outputText,
  responseInProgress,
  toResponse,
} from './responses-format';
import type { ResponsesBody } from './responses-request';
import type { ChatResult, ToolCallDelta } from './types';

/** One Responses stream event; `type` is also its SSE event name. */
export interface ResponseEvent {
  type: string;
  sequence_number: number;
  [field: string]: unknown;
}

/**
 * Turns the router's stream (start, text, tool-call pieces, done) into the Responses API's events,
 * in the order OpenAI sends them: each output item is added, filled by deltas and marked done,
 * and `response.completed` carries the whole Response. Text after a call opens a new message.
 */
export class ResponseEventWriter {
  private sequence = 0;
  private model = '';
  private readonly items: OutputItem[] = [];
  private openMessage?: { index: number; item: MessageItem };
  /** Output index of each streamed call, by the call's index in the router's stream. */
  private readonly calls = new Map<number, number>();

  constructor(
    private readonly id: string,
    private readonly body: ResponsesBody,
    private readonly createdAt = Math.floor(Date.now() / 1000),
  ) {}

  start(model: string): ResponseEvent[] {
    this.model = model;
    const response = responseInProgress(this.id, model, this.body, this.createdAt);
    return [this.event('response.created', { response }), this.event('response.in_progress', { response })];
  }

  text(text: string): ResponseEvent[] {
    const events: ResponseEvent[] = [];
    if (!this.openMessage) {
      const index = this.items.length;
      const item = messageItem(`msg_${this.id}_${index}`, '', 'in_progress');
      this.items.push(item);
      this.openMessage = { index, item };
      events.push(this.event('response.output_item.added', { output_index: index, item: structuredClone(item) }));
      events.push(this.event('response.content_part.added', { ...this.where(index, item), part: outputText('') }));
      item.content.push(outputText(''));
    }
    const { index, item } = this.openMessage;
    const part = item.content[0];
    if (part) part.text += text;
    events.push(this.event('response.output_text.delta', { ...this.where(index, item), delta: text, logprobs: [] }));
    return events;
  }

  toolCall(delta: ToolCallDelta): ResponseEvent[] {
    const events = this.closeMessage('completed');
    let index = this.calls.get(delta.index);
    if (index === undefined) {
      index = this.items.length;
      this.calls.set(delta.index, index);
      const call = { id: delta.id ?? `call_${this.id}_${delta.index}`, name: delta.name ?? '', arguments: '' };
      const item = functionCallItem(`fc_${this.id}_${index}`, call, 'in_progress');
      this.items.push(item);
      events.push(this.event('response.output_item.added', { output_index: index, item: structuredClone(item) }));
    }
    const item = this.items[index] as FunctionCallItem;
    if (delta.arguments === '') return events;
    item.arguments += delta.arguments;
    events.push(
      this.event('response.function_call_arguments.delta', {
        item_id: item.id,
        output_index: index,
        delta: delta.arguments,
      }),
    );
    return events;
  }

  done(result: ChatResult): ResponseEvent[] {
    const status = result.finishReason === 'length' ? 'incomplete' : 'completed';
    const events = this.closeMessage(status);
    for (const index of this.calls.values()) {
      const item = this.items[index] as FunctionCallItem;
      item.status = status;
      const { id, name, arguments: text } = item;
      events.push(
        this.event('response.function_call_arguments.done', {
          item_id: id,
          output_index: index,
          name,
          arguments: text,
        }),
      );
      events.push(this.event('response.output_item.done', { output_index: index, item: structuredClone(item) }));
    }
    const response = toResponse(
      this.id,
      { ...result, model: this.model || result.model },
      this.body,
      this.createdAt,
      this.items,
    );
    events.push(this.event(status === 'completed' ? 'response.completed' : 'response.incomplete', { response }));
    return events;
  }

  /** OpenAI's `error` event, for a failure after the stream began. */
  error(code: string, message: string, param: string | null = null): ResponseEvent {
    return this.event('error', { code, message, param });
  }

  private closeMessage(status: MessageItem['status']): ResponseEvent[] {
    if (!this.openMessage) return [];
    const { index, item } = this.openMessage;
    this.openMessage = undefined;
    item.status = status;
    const part = item.content[0] ?? outputText('');
    return [
      this.event('response.output_text.done', { ...this.where(index, item), text: part.text, logprobs: [] }),
      this.event('response.content_part.done', { ...this.where(index, item), part: structuredClone(part) }),
      this.event('response.output_item.done', { output_index: index, item: structuredClone(item) }),
    ];
  }

  private where(index: number, item: OutputItem) {
    return { item_id: item.id, output_index: index, content_index: 0 };
  }

  private event(type: string, fields: Record<string, unknown>): ResponseEvent {
    const event = { type, sequence_number: this.sequence, ...fields };
    this.sequence += 1;
    return event;
  }
}
