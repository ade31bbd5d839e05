/** One server-sent event: its `event:` name (absent when the server sent none) and its data lines, joined by \n. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** Collects the fields of one event until the blank line that ends it. */
class EventBuilder {
  private name: string | undefined;
  private data: string[] = [];

  /** Takes one line; returns the event a blank line completes, if it carried data. */
  line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.name = value;
    // id and retry steer a browser's reconnection; a provider call never reconnects.
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const { name, data } = this;
    this.name = undefined;
    this.data = [];
    // As the EventSource rules say: an event without data is dropped, its name with it.
    if (data.length === 0) return undefined;
    return name === undefined ? { data: data.join('\n') } : { event: name, data: data.join('\n') };
  }
}

/**
 * The events of a text/event-stream body, read as the bytes arrive. A chunk may end anywhere:
 * inside a line, between \r and \n, or inside a multi-byte character (the decoder holds those
 * bytes back). An event the body ends before its blank line is dropped, as EventSource drops it.
 * Stopping early cancels the body, which releases the upstream connection.
 */
export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const builder = new EventBuilder();
  // Its own expression: a shared /g one keeps lastIndex across streams read at once.
  const lineEnd = /\r\n|\r|\n/g;
  let pending = '';
  let finished = false;
  try {
    while (true) {
      const { done, value } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let start = 0;
      lineEnd.lastIndex = 0;
      for (let match = lineEnd.exec(pending); match; match = lineEnd.exec(pending)) {
        // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
        if (!done && match[0] === '\r' && match.index === pending.length - 1) break;
        const event = builder.line(pending.slice(start, match.index));
        start = match.index + match[0].length;
        if (event) yield event;
      }
      pending = pending.slice(start);
      if (done) break;
    }
    finished = true;
  } finally {
    if (finished) reader.releaseLock();
    else await reader.cancel().catch(() => undefined);
  }
}
