// Imports name their .ts files: local-stack tests load this module in Node as well.
import { errorMessage } from './error-message.ts';

export type RedisArg = string | number;

export interface RedisRestOptions {
  /** The REST endpoint (UPSTASH_REDIS_REST_URL). */
  url: string;
  token: string;
  /** Each command gives up after this long; callers have fallbacks and must not wait on Redis. */
  timeoutMs: number;
}

/** A command Redis refused, or one that never got an answer. The message names the command, never its token. */
export class RedisError extends Error {
  override readonly name = 'RedisError';
}

/**
 * The few Redis commands the product uses, over Upstash's REST API: each command is a JSON array
 * POSTed to the endpoint, answered `{ result }` or `{ error }`. Values go and come as text, without
 * the SDK's base64 response encoding: everything stored is JSON text, which UTF-8 carries whole.
 * Plain fetch with no connection of its own, so one client serves every request of an isolate.
 */
export class RedisRest {
  private readonly url: string;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;

  constructor(options: RedisRestOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs;
    this.headers = { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' };
  }

  /** Runs one command; its answer as Redis gave it (strings, integers, null, arrays of those). */
  async command<T = unknown>(args: RedisArg[]): Promise<T> {
    const name = String(args[0] ?? '').toUpperCase();
    const signal = AbortSignal.timeout(this.timeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: this.headers,
        body: JSON.stringify(args),
        signal,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw this.failure(name, signal.aborted ? `no answer within ${this.timeoutMs} ms` : errorMessage(error));
    }
    const body = parseAnswer(text);
    if (typeof body?.error === 'string') throw this.failure(name, body.error);
    if (status !== 200 || !body || !('result' in body)) throw this.failure(name, `answered HTTP ${status}`);
    return body.result as T;
  }

  ping(): Promise<string> {
    return this.command(['PING']);
  }

  get(key: string): Promise<string | null> {
    return this.command(['GET', key]);
  }

  mget(keys: string[]): Promise<(string | null)[]> {
    return this.command(['MGET', ...keys]);
  }

  /** 'OK' when stored; null when `nx` is set and the key exists. */
  set(key: string, value: string, options: { ex?: number; nx?: boolean } = {}): Promise<'OK' | null> {
    const args: RedisArg[] = ['SET', key, value];
    if (options.nx) args.push('NX');
    if (options.ex !== undefined) args.push('EX', options.ex);
    return this.command(args);
  }

  del(keys: string[]): Promise<number> {
    return this.command(['DEL', ...keys]);
  }

  exists(keys: string[]): Promise<number> {
    return this.command(['EXISTS', ...keys]);
  }

  /** One page of a SCAN: the next cursor ('0' when done) and the keys of this page. */
  scan(cursor: string, options: { match: string; count: number }): Promise<[string, string[]]> {
    return this.command(['SCAN', cursor, 'MATCH', options.match, 'COUNT', options.count]);
  }

  // The script commands take the arguments @upstash/ratelimit passes: (script or sha, keys, args).
  eval(script: string, keys: string[], args: RedisArg[]): Promise<unknown> {
    return this.command(['EVAL', script, keys.length, ...keys, ...args]);
  }

  /** Fails with a message containing NOSCRIPT when the script is not loaded: callers then EVAL it. */
  evalsha(sha: string, keys: string[], args: RedisArg[]): Promise<unknown> {
    return this.command(['EVALSHA', sha, keys.length, ...keys, ...args]);
  }

  scriptLoad(script: string): Promise<string> {
    return this.command(['SCRIPT', 'LOAD', script]);
  }

  private failure(command: string, why: string): RedisError {
    // A proxy or runtime error may echo request headers back; the token must not reach a log.
    return new RedisError(`Redis ${command}: ${why.replaceAll(this.token, '[token]')}`);
  }
}

/**
 * A value as @upstash/redis wrote it, so keys stored before this client still read: objects were
 * stored as JSON text and plain strings as they were. Text that is not JSON comes back as is.
 */
export function parseStored(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function parseAnswer(text: string): { result?: unknown; error?: unknown } | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? body : undefined;
  } catch {
    return undefined;
  }
}
