// Applies migrations/postgres to DATABASE_URL through the Neon driver, the same path the
// Worker uses. Locally NEON_WS_PROXY (host:port/v2) routes it through local-stack's proxy.
import { fileURLToPath } from 'node:url';
import { Pool } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import { migrate } from 'drizzle-orm/neon-serverless/migrator';
import { configureNeonForNode } from './neon-node.ts';

const migrationsFolder = fileURLToPath(new URL('../migrations/postgres', import.meta.url));

export async function migratePostgres(databaseUrl: string, wsProxy?: string): Promise<void> {
  configureNeonForNode(wsProxy);
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await migrate(drizzle({ client: pool }), { migrationsFolder });
  } finally {
    await pool.end();
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
