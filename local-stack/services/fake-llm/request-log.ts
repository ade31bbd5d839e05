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
