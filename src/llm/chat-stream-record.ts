import { MAX_KEPT_BODY_CHARS, type StreamRecorder } from '../idempotency/answer';

interface TextDelta {
  envelope: Record<string, unknown>;
  text: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of a plain content chunk (one choice, only `content` in its delta, no finish), else undefined. */
function textDelta(block: string): TextDelta | undefined {
  if (!block.startsWith('data: ') || block.includes('\n')) return undefined;
  let chunk: unknown;
  try {
    chunk = JSON.parse(block.slice('data: '.length));
  } catch {
    return undefined;
  }
  if (!isRecord(chunk) || chunk.object !== 'chat.completion.chunk' || !Array.isArray(chunk.choices)) return undefined;
  const [choice, ...others] = chunk.choices as unknown[];
  if (others.length > 0 || !isRecord(choice) || choice.finish_reason != null || !isRecord(choice.delta))
    return undefined;
  const keys = Object.keys(choice.delta);
  if (keys.length !== 1 || typeof choice.delta.content !== 'string') return undefined;
  return { envelope: chunk, text: choice.delta.content };
}

/**
 * Keeps a streamed chat completion for replay as an SSE stream a client reads the same way: its
 * role chunk, one chunk carrying the whole text, the finish and usage chunks, an error event if
 * there was one, and `[DONE]`, each as sent. A stream sends a chunk per token or so (about 150
 * bytes each), so merging the text is what makes a long answer fit a D1 row; a client
 * concatenating deltas reads the same text. Events are read as `streamSSE` writes them: blocks
 * ending in a blank line.
 */
export function chatStreamRecorder(): StreamRecorder {
  const events: string[] = [];
  let keptChars = 0;
  let pending: TextDelta | undefined;
  let buffer = '';

  const emit = (event: string) => {
    events.push(event);
    keptChars += event.length;
  };
  const flush = () => {
    if (!pending) return;
    const choices = [{ index: 0, delta: { content: pending.text }, finish_reason: null }];
    keptChars -= pending.text.length;
    emit(`data: ${JSON.stringify({ ...pending.envelope, choices })}\n\n`);
    pending = undefined;
  };
  const take = (block: string) => {
    const delta = textDelta(block);
    if (!delta) {
      flush();
      emit(`${block}\n\n`);
    } else if (pending) {
      pending.text += delta.text;
      keptChars += delta.text.length;
    } else {
      pending = delta;
      keptChars += delta.text.length;
    }
  };

  return {
    push(text) {
      buffer += text;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        take(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
      return keptChars + buffer.length <= MAX_KEPT_BODY_CHARS;
    },
    finish() {
      if (buffer) take(buffer);
      buffer = '';
      flush();
      return events.join('');
    },
  };
}
