import type { JsonObject } from './http.ts';
import { isObject } from './http.ts';
import { contentImages, contentText } from './text.ts';

/** One message as the model saw it; Anthropic's top-level `system` comes first with role `system`. */
export interface LoggedMessage {
  role: string;
  text: string;
  /** Present when the message showed images, each as the wire put it (see contentImages). */
  images?: string[];
}

export interface RequestLogEntry {
  provider: string;
  path: string;
  model: string | null;
  stream: boolean;
  /** ISO timestamp of arrival. */
  at: string;
  /** HTTP status sent, once the response has finished. */
  status: number | null;
  /** True when an injected fault answered the request. */
  fault: boolean;
  /** The start of the request body, so a test can find its own requests. */
  excerpt: string;
  /** Every message by role, so a test can see where a text was put (system prompt or user data). */
  messages: LoggedMessage[];
}

// Per message: enough to find a marker, bounded so the log stays small.
const MAX_MESSAGE_CHARS = 8_000;

/** The messages of a chat request in either wire format. */
export function messagesOf(body: JsonObject): LoggedMessage[] {
  const out: LoggedMessage[] = [];
  if (body.system !== undefined) out.push({ role: 'system', text: contentText(body.system) });
  if (Array.isArray(body.messages)) {
    for (const message of body.messages) {
      if (!isObject(message)) continue;
      const role = typeof message.role === 'string' ? message.role : '';
      const images = contentImages(message.content);
      out.push({ role, text: contentText(message.content), ...(images.length > 0 ? { images } : {}) });
    }
  }
  return out.map((message) => ({ ...message, text: message.text.slice(0, MAX_MESSAGE_CHARS) }));
}

// Bounded so a long-running dev server does not grow without limit.
const MAX_ENTRIES = 50_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: Omit<RequestLogEntry, 'at' | 'status' | 'fault'>): RequestLogEntry {
    const full: RequestLogEntry = { ...entry, at: new Date().toISOString(), status: null, fault: false };
    this.entries.push(full);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    return full;
  }

  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  clear(): number {
    const n = this.entries.length;
    this.entries = [];
    return n;
  }
}
