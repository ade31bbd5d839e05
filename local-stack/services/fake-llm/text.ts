import { createHash, randomUUID } from 'node:crypto';
import type { Json } from './http.ts';
import { isObject } from './http.ts';

export const FAKE_MARK = '[fake]';
const ECHO_WORDS = 20;

/** Text of a message content: a string, or the `text` of each part (OpenAI and Anthropic part shapes). */
export function contentText(content: Json | undefined): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : typeof part === 'string' ? part : ''))
    .join('\n');
}

/** Tokens billed for one image: Kimi's flat rate, whatever the image's size. */
const IMAGE_TOKENS = 1_024;

/** The images of a message content, as the wire put them: `image_url:<url>`, `base64:<media type>`, `url:<url>`. */
export function contentImages(content: Json | undefined): string[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((part) => {
    if (!isObject(part)) return [];
    const openAi = part.type === 'image_url' && isObject(part.image_url) ? part.image_url : undefined;
    if (openAi && typeof openAi.url === 'string') return [`image_url:${openAi.url.slice(0, 80)}`];
    const source = part.type === 'image' && isObject(part.source) ? part.source : undefined;
    if (source?.type === 'base64') return [`base64:${String(source.media_type)}`];
    if (source?.type === 'url') return [`url:${String(source.url)}`];
    return [];
  });
}

/** Input tokens = ceil(characters of every message, plus the system prompt, / 4), plus each image's flat rate. */
export function inputTokens(messages: Json[], system?: Json): number {
  let chars = contentText(system).length;
  let images = 0;
  for (const m of messages) {
    if (!isObject(m)) continue;
    chars += contentText(m.content).length;
    images += contentImages(m.content).length;
  }
  return Math.ceil(chars / 4) + images * IMAGE_TOKENS;
}

export function lastUserText(messages: Json[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (isObject(m) && m.role === 'user') return contentText(m.content);
  }
  return '';
}

export function words(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

export interface Reply {
  text: string;
  outputTokens: number;
  truncated: boolean;
}

const EXAMPLE = /<example>([\s\S]*?)<\/example>/;

/**
 * A prompt that shows the answer's shape in `<example>{...}</example>` gets that example back,
 * so callers that validate structured output can run end to end against the fake.
 */
export function exampleIn(texts: string[]): string | undefined {
  for (const text of texts) {
    const found = EXAMPLE.exec(text)?.[1];
    if (!found) continue;
    try {
      return JSON.stringify(JSON.parse(found));
    } catch {
      // Not JSON: keep looking.
    }
  }
  return undefined;
}

/** `[fake] ` + the first words of the last user message; JSON mode wraps it in an object. Output tokens = words. */
export function buildReply(
  lastUser: string,
  jsonMode: boolean,
  maxTokens: number | undefined,
  example?: string,
): Reply {
  const echo = words(lastUser).slice(0, ECHO_WORDS).join(' ') || 'ok';
  const full =
    example ?? (jsonMode ? JSON.stringify({ fake: true, reply: `${FAKE_MARK} ${echo}` }) : `${FAKE_MARK} ${echo}`);
  const all = words(full);
  const limit = maxTokens !== undefined && maxTokens >= 1 ? Math.floor(maxTokens) : Number.POSITIVE_INFINITY;
  const kept = all.slice(0, limit);
  return { text: kept.join(' '), outputTokens: kept.length, truncated: kept.length < all.length };
}

/** Pieces that concatenate back to the text, one per word, as a streamed reply would arrive. */
export function streamPieces(text: string): string[] {
  return words(text).map((w, i) => (i === 0 ? w : ` ${w}`));
}

export function stableId(prefix: string, body: Json, length = 24): string {
  return prefix + createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, length);
}

/** Unique per response, like a real request id. */
export function requestId(): string {
  return `req_fake_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}
