import type { StreamRecorder } from './answer';

export interface RecordingHandlers {
  /** The whole answer as the recorder kept it, or null when it outgrew the limit. Must not throw. */
  kept(text: string | null): Promise<void>;
  /** The source broke before its end: there is no whole answer to keep. Must not throw. */
  failed(error: unknown): Promise<void>;
}

const ignore = () => {};

/**
 * Passes a streamed answer to the client while `recorder` collects it. `kept` runs once the
 * source has ended and before the client's copy ends, so a client that has read the whole answer
 * can count on a repeat being replayed rather than told it is still running. The source is read
 * to its end even when the client goes away: the call is paid for either way, and a retry then
 * gets the answer it missed instead of paying again.
 */
export function recordingStream(
  source: ReadableStream<Uint8Array>,
  recorder: StreamRecorder,
  handlers: RecordingHandlers,
): { stream: ReadableStream<Uint8Array>; done: Promise<void> } {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  let clientGone = false;
  const toClient = (chunk: Uint8Array) => {
    if (clientGone) return;
    // Not awaited: a slow reader must not hold up the recording; the chunks wait in the stream.
    writer.write(chunk).catch(() => {
      clientGone = true;
    });
  };

  async function pump() {
    const reader = source.getReader();
    const decoder = new TextDecoder();
    let fits = true;
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        toClient(next.value);
        if (fits) fits = recorder.push(decoder.decode(next.value, { stream: true }));
      }
      if (fits) fits = recorder.push(decoder.decode());
    } catch (error) {
      await handlers.failed(error);
      writer.abort(error).catch(ignore);
      return;
    }
    await handlers.kept(fits ? recorder.finish() : null);
    writer.close().catch(ignore);
  }

  return { stream: readable, done: pump() };
}
