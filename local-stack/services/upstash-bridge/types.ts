import { errorMessage } from '../../../src/lib/error-message.ts';

export type RedisValue = string | number | Buffer | null | RedisValue[];

export type RedisReply = { result: RedisValue } | { error: string };

export type Command = string[];

export interface RedisBackend {
  readonly kind: 'redis' | 'memory';
  /** Runs one command; rejects with the Redis error message. */
  run(command: Command): Promise<RedisValue>;
  /** Runs commands in order; a failing command yields `{ error }` in its slot. */
  pipeline(commands: Command[]): Promise<RedisReply[]>;
  /** MULTI/EXEC; rejects (EXECABORT) when a command cannot be queued. */
  transaction(commands: Command[]): Promise<RedisReply[]>;
  close(): Promise<void>;
}

/** Redis errors carry their own prefix (ERR, WRONGTYPE, NOSCRIPT...); add ERR when one is missing. */
export function redisErrorMessage(error: unknown): string {
  const message = errorMessage(error);
  return /^[A-Z][A-Z_]+ /.test(message) ? message : `ERR ${message}`;
}

// Commands that change connection state would leak into every other request on the shared connection.
const CONNECTION_STATE = new Set([
  'SUBSCRIBE',
  'PSUBSCRIBE',
  'SSUBSCRIBE',
  'UNSUBSCRIBE',
  'PUNSUBSCRIBE',
  'SUNSUBSCRIBE',
  'MONITOR',
  'QUIT',
  'RESET',
  'SELECT',
  'MULTI',
  'EXEC',
  'DISCARD',
  'WATCH',
  'UNWATCH',
  'HELLO',
  'AUTH',
]);

/** Returns an Upstash-style error for commands the REST API cannot offer, else undefined. */
export function unavailable(command: Command): string | undefined {
  const name = (command[0] ?? '').toUpperCase();
  return CONNECTION_STATE.has(name) ? `ERR Command is not available: '${command[0]}'` : undefined;
}
