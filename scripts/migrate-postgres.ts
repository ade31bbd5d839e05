// Applies migrations/postgres to DATABASE_URL over the WebSocket, the same path the Worker
// uses. Locally NEON_WS_PROXY (host:port/v2) routes it through local-stack's proxy.
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { openPool } from '../src/db/postgres-pool.ts';

const migrationsFolder = fileURLToPath(new URL('../migrations/postgres', import.meta.url));

export async function migratePostgres(databaseUrl: string, wsProxy?: string): Promise<void> {
  // A migration may rewrite a large table: minutes, not the Worker's 15 s a query.
  const { pool, close } = openPool({ url: databaseUrl, wsProxy, max: 1, timeouts: { queryMs: 600_000 } });
  try {
    await migrate(drizzle({ client: pool }), { migrationsFolder });
  } finally {
    await close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set: nothing to migrate.');
    process.exit(2);
  }
  await migratePostgres(url, process.env.NEON_WS_PROXY || undefined);
  console.log('postgres migrations applied');
}
