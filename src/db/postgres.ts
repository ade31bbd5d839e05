import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';
import * as schema from './pg-schema';
import { openPool, type PostgresPoolOptions } from './postgres-pool';

export type PostgresDatabase = NodePgDatabase<typeof schema>;

export interface PostgresHandle {
  db: PostgresDatabase;
  pool: Pool;
  query(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

/** A pool lives for one request: Workers cannot share sockets between requests. Every call has a timeout. */
export function openPostgres(options: PostgresPoolOptions): PostgresHandle {
  const { pool, close } = openPool(options);
  return {
    db: drizzle({ client: pool, schema }),
    pool,
    query: (sql) => pool.query(sql),
    close,
  };
}
