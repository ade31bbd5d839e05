/** A first answer as kept for replay. `body` is null when it was too large to keep. */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/**
 * Larger answers are not kept (D1 holds at most 2 MB a row, and a character may take 3 bytes):
 * their record stays, so a repeat is still refused rather than run and billed again.
 */
export const MAX_KEPT_BODY_CHARS = 512 * 1024;

/**
 * What happens to a key once its first request has an answer:
 * - 2xx: kept; the work was done (and paid) once, a repeat gets the same answer.
 * - 4xx: kept, like Stripe, so a repeat sees what the first saw. That includes a 402: the refused
 *   call was deferred and runs by itself when the budget allows (its id is in the answer), so
 *   a retry under the same key must not start a second one.
 * - 400 and 429: released. The request was refused before anything ran (a bad body, a rate
 *   limit), so a corrected or later retry with the same key is a first attempt.
 * - 5xx: released; the failure is ours or an upstream's, nothing usable was delivered, and a
 *   retry with the same key runs again.
 */
export function keepsAnswer(status: number): boolean {
  if (status >= 500) return false;
  return status !== 400 && status !== 429;
}

/** For a route that refuses over budget without deferring: its 402 ran nothing, so it is released too. */
export const keepsAnswerUndeferred = (status: number): boolean => status !== 402 && keepsAnswer(status);

// Only headers that are part of the answer itself; request ids, rate limits and CORS belong to
// the repeat and are set on it afresh.
const KEPT_HEADER = /^(content-type|x-empire-[\w-]+)$/i;

export function keptHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of headers) if (KEPT_HEADER.test(name)) kept[name] = value;
  return kept;
}

/**
 * Collects a streamed answer as it passes, in whatever form the route can replay. `push` answers
 * false once the answer is past MAX_KEPT_BODY_CHARS; `finish` gives the text to keep.
 */
export interface StreamRecorder {
  push(text: string): boolean;
  finish(): string;
}

/** The stream exactly as sent. */
export function rawStreamRecorder(): StreamRecorder {
  const parts: string[] = [];
  let size = 0;
  return {
    push(text) {
      size += text.length;
      if (size > MAX_KEPT_BODY_CHARS) return false;
      parts.push(text);
      return true;
    },
    finish: () => parts.join(''),
  };
}
