import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Extensions } from '@electric-sql/pglite';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { LOOPBACK_HOST } from './ports.ts';

export interface PgliteOptions {
  port: number;
  /** Persistent data directory; missing parents are created. */
  dataDir: string;
  /** Concurrent wire connections; keep it >= the largest client pool (default 10). */
  maxConnections?: number;
  /** PGlite extensions, e.g. `{ vector }` from @electric-sql/pglite-pgvector. */
  extensions?: Extensions;
}

export interface PgliteHandle {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  url: string;
  port: number;
  db: PGlite;
  close(): Promise<void>;
}

export async function startPglite(options: PgliteOptions): Promise<PgliteHandle> {
  const dataDir = resolve(options.dataDir);
  // PGlite creates only the last folder of its data path.
  await mkdir(dirname(dataDir), { recursive: true });
  const db = await PGlite.create({ dataDir, extensions: options.extensions });
  const server = new PGLiteSocketServer({
    db,
    host: LOOPBACK_HOST,
    port: options.port,
    // The default of 1 makes every pooled connection after the first fail.
    maxConnections: options.maxConnections ?? 10,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const conn = server.getServerConn();
  const port = Number(conn.slice(conn.lastIndexOf(':') + 1));
  let closed = false;
  return {
    url: `postgres://postgres@${LOOPBACK_HOST}:${port}/postgres`,
    port,
    db,
    async close() {
      if (closed) return;
      closed = true;
      await server.stop();
      await db.close();
    },
  };
}
