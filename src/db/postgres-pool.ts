import type { Duplex } from 'node:stream';
import pg from 'pg';
import { neonAddress, proxyAddress, WebSocketSocket } from './websocket-socket.ts';

export interface PostgresTimeouts {
  /** Opening a connection, or waiting for a free one in the pool. */
  connectMs: number;
  /** One query, from sending it to its last row (client-side: Neon's pooler refuses statement_timeout at startup). */
  queryMs: number;
  /** How long close() waits for the server to close the pool's connections. */
  closeMs: number;
}

/**
 * Every call has a limit, so a database that accepts a connection and then says nothing fails
 * the call instead of holding it forever. Locally that matters most: Miniflare's queue hands out
 * one batch at a time and waits for its consumer, so one hung query would stop every later
 * message. Generous next to real work (a Neon cold start takes a few seconds, a backup page less).
 */
export const POSTGRES_TIMEOUTS: PostgresTimeouts = { connectMs: 10_000, queryMs: 15_000, closeMs: 5_000 };

export interface PostgresPoolOptions {
  url: string;
  wsProxy?: string;
  timeouts?: Partial<PostgresTimeouts>;
  /** Connections at once; 4 unless given. */
  max?: number;
}

export interface PostgresPool {
  pool: pg.Pool;
  /** Ends the pool and waits (up to closeMs) until the server has closed each of its connections. */
  close(): Promise<void>;
}

/**
 * The connection string without the TLS settings a Neon URL carries (`sslmode`, `channel_binding`):
 * the WebSocket is the TLS layer, and `pg` would otherwise ask the server for TLS inside it.
 */
function withoutTlsSettings(url: string): string {
  const parsed = new URL(url);
  for (const name of ['sslmode', 'ssl', 'sslrootcert', 'sslcert', 'sslkey', 'channel_binding']) {
    parsed.searchParams.delete(name);
  }
  return parsed.toString();
}

/** Settles with `work`, or resolves after `ms` if `work` is still pending then. */
async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * How `pg` reaches a database: in development and tests through local-stack's WebSocket proxy in
 * front of a plain PostgreSQL, in production through Neon's WebSocket endpoint. For a Client or
 * a Pool of its own; Workers and Node (22 has WebSocket) alike.
 */
export function connectionConfig(options: Pick<PostgresPoolOptions, 'url' | 'wsProxy'>): pg.ClientConfig {
  const address = options.wsProxy ? proxyAddress(options.wsProxy) : neonAddress;
  return {
    connectionString: withoutTlsSettings(options.url),
    ssl: false,
    // pg types the socket as a Node Duplex; it uses only what WebSocketSocket has.
    stream: () => new WebSocketSocket(address) as unknown as Duplex,
  };
}

/** A pool lives for one request: Workers cannot share sockets between requests. */
export function openPool(options: PostgresPoolOptions): PostgresPool {
  const timeouts = { ...POSTGRES_TIMEOUTS, ...options.timeouts };
  const pool = new pg.Pool({
    ...connectionConfig(options),
    max: options.max ?? 4,
    connectionTimeoutMillis: timeouts.connectMs,
    query_timeout: timeouts.queryMs,
  });
  // An idle client that loses its socket emits here; unhandled it would crash the request.
  pool.on('error', () => {});
  // pool.end() resolves as soon as it has asked its idle clients to end: before their sockets
  // have closed. A request whose waitUntil ended there could leave the connection open on the
  // server, so close() waits for each client's own 'end'.
  const ended: Promise<void>[] = [];
  pool.on('connect', (client: pg.PoolClient) => {
    ended.push(new Promise((resolve) => client.once('end', () => resolve())));
  });
  return {
    pool,
    // A server that never closes is left to its own idle limits rather than failing the caller.
    close: () =>
      within(
        pool.end().then(() => Promise.all(ended)),
        timeouts.closeMs,
      ),
  };
}
