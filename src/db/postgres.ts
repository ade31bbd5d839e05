import { neonConfig, Pool } from '@neondatabase/serverless';
import { drizzle, type NeonDatabase } from 'drizzle-orm/neon-serverless';
import * as schema from './pg-schema';

export type PostgresDatabase = NeonDatabase<typeof schema>;

export interface PostgresHandle {
  db: PostgresDatabase;
  pool: Pool;
  query(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * In development and tests the Neon driver reaches a plain PostgreSQL through local-stack's
 * WebSocket proxy; in production it talks to Neon directly. Settings are per isolate.
 */
function configureDriver(wsProxy: string | undefined): void {
  if (!wsProxy) return;
  neonConfig.wsProxy = (host, port) => `${wsProxy}?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}

/** A pool lives for one request: Workers cannot share sockets between requests. */
export function openPostgres(options: { url: string; wsProxy?: string }): PostgresHandle {
  configureDriver(options.wsProxy);
  const pool = new Pool({ connectionString: options.url, max: 4 });
  // An idle client that loses its socket emits here; unhandled it would crash the request.
  pool.on('error', () => {});
  return {
    db: drizzle({ client: pool, schema }),
    pool,
    query: (sql) => pool.query(sql),
    close: () => pool.end(),
  };
}
