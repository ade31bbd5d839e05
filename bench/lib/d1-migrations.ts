// Applies each D1 database's migrations, as `wrangler d1 migrations apply --local` would before
// `npm start`, so the Worker under test sees the schema it expects.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Miniflare } from 'miniflare';
import { unstable_splitSqlQuery } from 'wrangler';
import type { WranglerConfig } from './wrangler-config.ts';

async function migrationFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  return names.map((name) => join(dir, name));
}

export async function applyD1Migrations(mf: Miniflare, config: WranglerConfig, workerName: string): Promise<void> {
  for (const database of config.d1_databases) {
    if (!database.migrations_dir) continue;
    const db = await mf.getD1Database(database.binding, workerName);
    for (const file of await migrationFiles(resolve(config.dir, database.migrations_dir))) {
      const statements = unstable_splitSqlQuery(await readFile(file, 'utf8'));
      if (statements.length > 0) await db.batch(statements.map((sql) => db.prepare(sql)));
    }
  }
}
