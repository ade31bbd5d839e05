// PGlite served over the PostgreSQL wire protocol, the embedded database of `npm start`.
// Our own front (pglite-wire/) rather than @electric-sql/pglite-socket 0.2.17, which under a
// few minutes of pooled use ran out of connections and then stalled: it passes a client's
// Terminate to PGlite (which ignores it) and never closes the socket, so every ended pool
// leaked its connections; it has no idle limit for a client that vanished; and one client
// idle inside a transaction, or one failed call, stopped the queue for every other client.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import type { Extensions } from '@electric-sql/pglite';
import { PGlite } from '@electric-sql/pglite';
import { fatal } from './pglite-wire/protocol.ts';
import { WireSession } from './pglite-wire/session.ts';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';

export interface PgliteOptions {
  port: number;
  /** Persistent data directory; missing parents are created. */
  dataDir: string;
  /** Concurrent wire connections; one more is refused with 53300 (default 64). */
  maxConnections?: number;
  /** A connection idle this long is closed (default 60 s; pg pools drop idle clients after 10 s). */
  idleTimeoutMs?: number;
  /**
   * A connection idle this long inside a transaction is closed and rolled back (default 10 s):
   * PGlite is one session, so every other client waits on it meanwhile.
   */
  idleInTransactionTimeoutMs?: number;
  /** PGlite extensions, e.g. `{ vector }` from @electric-sql/pglite-pgvector. */
  extensions?: Extensions;
  /** Where failures of PGlite itself are reported (default: stderr). */
  log?: (line: string) => void;
}

export interface PgliteHandle {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  url: string;
  port: number;
  db: PGlite;
  /** Open client connections (for leak checks). */
  connections(): number;
  close(): Promise<void>;
}

export async function startPglite(options: PgliteOptions): Promise<PgliteHandle> {
  const dataDir = resolve(options.dataDir);
  // PGlite creates only the last folder of its data path.
  await mkdir(dirname(dataDir), { recursive: true });
  const db = await PGlite.create({ dataDir, extensions: options.extensions });
  const session = new WireSession({
    db,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    idleInTransactionTimeoutMs: options.idleInTransactionTimeoutMs ?? 10_000,
    log: options.log ?? ((line) => console.error(line)),
  });
  const maxConnections = options.maxConnections ?? 64;
  const server = createServer((socket) => {
    if (session.size < maxConnections) return session.attach(socket);
    socket.on('error', () => socket.destroy());
    socket.end(fatal('53300', 'sorry, too many clients already'), () => socket.destroy());
  });
  let port: number;
  try {
    port = await listenLoopback(server, options.port);
  } catch (error) {
    await db.close();
    throw error;
  }
  let closed = false;
  return {
    url: `postgres://postgres@${LOOPBACK_HOST}:${port}/postgres`,
    port,
    db,
    connections: () => session.size,
    async close() {
      if (closed) return;
      closed = true;
      // Stop accepting first, so no connection arrives while PGlite is being closed.
      const stopped = closeServer(server);
      await session.close();
      await stopped;
      await db.close();
    },
  };
}
