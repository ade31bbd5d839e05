import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { errorMessage } from '../../src/lib/error-message';
import type { ChatResult, StreamEvent, ToolCallDelta } from '../../src/llm/types';
import type { AppEnv } from '../http/app-env';
import { toAppError } from '../http/error-handler';
import type { AppError } from '../http/errors';
import { markRoute } from './gateway-context';

/** Turns the router's stream into one wire format's events (Responses, Anthropic Messages). */
export interface WireEventWriter<Event extends { type: string }> {
  start(model: string): Event[];
  text(text: string): Event[];
  toolCall(delta: ToolCallDelta): Event[];
  done(result: ChatResult): Event[];
}

/**
 * Relays the router's stream as server-sent events, each named by its type. The first event is
 * pulled before answering (by the caller), so a refusal or a dead upstream is still a plain error.
 */
export function relayEvents<Event extends { type: string }>(
  c: Context<AppEnv>,
  events: AsyncGenerator<StreamEvent>,
  first: IteratorResult<StreamEvent>,
  writer: WireEventWriter<Event>,
  /** The event a failure after the start becomes, in the wire format's own error shape. */
  failure: (error: AppError) => Event,
) {
  markRoute(c, first.value);
  return streamSSE(c, async (sse) => {
    c.req.raw.signal.addEventListener('abort', () => sse.abort());
    const send = (item: Event) => sse.writeSSE({ event: item.type, data: JSON.stringify(item) });
    try {
      for (let next = first; !next.done && !sse.aborted; next = await events.next()) {
        const event = next.value;
        const out =
          event.type === 'start'
            ? writer.start(event.model)
            : event.type === 'text'
              ? writer.text(event.text)
              : event.type === 'tool_call'
                ? writer.toolCall(event)
                : writer.done(event.result);
        for (const item of out) await send(item);
      }
    } catch (error) {
      c.var.log.warn('stream failed', { error: errorMessage(error) });
      await send(failure(toAppError(error)));
    } finally {
      // A client that went away leaves the router's stream suspended: ending it settles the call.
      await events.return(undefined);
    }
  });
}
