import { models } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';
import { singleFlight } from '../lib/single-flight';
import { type ModelEntry, seedModels } from './catalogue';
import { type ProviderId, providerIds } from './providers/types';

// Prices change rarely; a minute of staleness per isolate saves a query on every call.
const CACHE_MS = 60_000;
let cached: { at: number; models: readonly ModelEntry[] } | undefined;
const shared = singleFlight<readonly ModelEntry[]>();

const isProvider = (value: string): value is ProviderId => (providerIds as readonly string[]).includes(value);

/**
 * The live catalogue from the `models` table, seeded from the price sheet when empty. The
 * database is asked for only when the isolate's copy is stale, so a warm call opens nothing.
 */
export async function loadCatalogue(
  database: () => PostgresDatabase | undefined,
  now = Date.now(),
): Promise<readonly ModelEntry[]> {
  if (cached && now - cached.at < CACHE_MS) return cached.models;
  const db = database();
  if (!db) return seedModels;
  return shared('catalogue', () => queryCatalogue(db, now));
}

async function queryCatalogue(db: PostgresDatabase, now: number): Promise<readonly ModelEntry[]> {
  let rows = await db.select().from(models);
  if (rows.length === 0) {
    await db
      .insert(models)
      .values(seedModels.map((entry) => ({ ...entry })))
      .onConflictDoNothing();
    rows = await db.select().from(models);
  }
  const entries = rows.flatMap((row): ModelEntry[] =>
    isProvider(row.provider) ? [{ ...row, provider: row.provider, capabilities: row.capabilities }] : [],
  );
  cached = { at: now, models: entries };
  return entries;
}

export function forgetCatalogue(): void {
  cached = undefined;
}
