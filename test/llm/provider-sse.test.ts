import { describe, expect, it } from 'vitest';
import { type SseEvent, sseEvents } from '../../src/llm/providers/sse';

const encode = (text: string) => new TextEncoder().encode(text);

/** A body that hands out `chunks` one read at a time, and says whether the reader cancelled it. */
function bodyOf(chunks: Uint8Array[]) {
  const queue = [...chunks];
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

async function eventsOf(chunks: Uint8Array[]): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of sseEvents(bodyOf(chunks).stream)) events.push(event);
  return events;
}

const eventsOfText = (text: string) => eventsOf([encode(text)]);

// Anthropic's shape (names and data), OpenAI's (data only, [DONE]), multi-line data, a comment,
// CRLF endings, and text whose characters take two to four bytes.
const SAMPLE =
  'event: message_start\r\ndata: {"type":"message_start"}\r\n\r\n' +
  ': keep-alive\n\n' +
  'event: content_block_delta\ndata: {"text":"Grüße — 你好 🚀"}\n\n' +
  'data: first line\ndata: second line\n\n' +
  'data: [DONE]\n\n';

const SAMPLE_EVENTS: SseEvent[] = [
  { event: 'message_start', data: '{"type":"message_start"}' },
  { event: 'content_block_delta', data: '{"text":"Grüße — 你好 🚀"}' },
  { data: 'first line\nsecond line' },
  { data: '[DONE]' },
];

describe('happy', () => {
  it('reads event names, data lines and [DONE], passing over comments', async () => {
    expect(await eventsOfText(SAMPLE)).toEqual(SAMPLE_EVENTS);
  });

  it('reads the same events whichever byte a chunk ends on', async () => {
    const bytes = encode(SAMPLE);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const events = await eventsOf([bytes.slice(0, cut), bytes.slice(cut)]);
      expect(events, `cut at byte ${cut}`).toEqual(SAMPLE_EVENTS);
    }
  });

  it('reads the same events one byte at a time', async () => {
    const bytes = encode(SAMPLE);
    const single = Array.from(bytes, (byte) => Uint8Array.of(byte));
    expect(await eventsOf(single)).toEqual(SAMPLE_EVENTS);
  });

  it('keeps a character whose bytes arrive in three chunks', async () => {
    const bytes = encode('data: 🚀\n\n');
    // 🚀 is four bytes from index 6: split after its first and third.
    expect(await eventsOf([bytes.slice(0, 7), bytes.slice(7, 9), bytes.slice(9)])).toEqual([{ data: '🚀' }]);
  });

  it('takes CR alone as a line end, and a CR and LF split across chunks as one', async () => {
    expect(await eventsOfText('event: a\rdata: 1\r\r')).toEqual([{ event: 'a', data: '1' }]);
    expect(await eventsOf([encode('data: 1\r'), encode('\n\r'), encode('\ndata: 2\n\n')])).toEqual([
      { data: '1' },
      { data: '2' },
    ]);
  });

  it('strips one space after the colon only', async () => {
    expect(await eventsOfText('data:tight\n\ndata:  two\n\ndata\n\n')).toEqual([
      { data: 'tight' },
      { data: ' two' },
      { data: '' },
    ]);
  });

  it('stops reading the body when the reader stops early', async () => {
    const body = bodyOf([encode('data: 1\n\n'), encode('data: 2\n\n'), encode('data: 3\n\n')]);
    for await (const event of sseEvents(body.stream)) {
      expect(event).toEqual({ data: '1' });
      break;
    }
    expect(body.cancelled()).toBe(true);
  });
});

describe('errors', () => {
  it('drops an event without data, and its name with it', async () => {
    expect(await eventsOfText('event: lonely\n\ndata: next\n\n')).toEqual([{ data: 'next' }]);
  });

  it('drops an event the body ends before its blank line', async () => {
    expect(await eventsOfText('data: whole\n\ndata: cut off\n')).toEqual([{ data: 'whole' }]);
  });

  it('ignores id, retry and unknown fields', async () => {
    expect(await eventsOfText('id: 7\nretry: 10\nfoo: bar\ndata: x\n\n')).toEqual([{ data: 'x' }]);
  });

  it('passes on a body that fails mid-way', async () => {
    let sent = false;
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(new Error('connection reset'));
        else controller.enqueue(encode('data: 1\n\n'));
        sent = true;
      },
    });
    const seen: SseEvent[] = [];
    const failure = await (async () => {
      for await (const event of sseEvents(failing)) seen.push(event);
    })().catch((error: unknown) => error);
    expect(seen).toEqual([{ data: '1' }]);
    expect(failure).toMatchObject({ message: 'connection reset' });
  });
});
