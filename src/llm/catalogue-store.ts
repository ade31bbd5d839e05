import { models } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';
import { singleFlight } from '../lib/single-flight';
import { type ModelEntry, seedModels } from './catalogue';
import { type ProviderId, providerIds } from './providers/types';

// Prices change rarely; a minute of staleness per isolate saves a query on every call.
const CACHE_MS = 60_000;
/** After a failed read the copy in hand serves this long before the database is asked again. */
const RETRY_AFTER_FAILURE_MS = 10_000;
/** An isolate with no copy yet waits this long for the database, then routes on the seed prices. */
const COLD_WAIT_MS = 2_000;
let cached: { at: number; models: readonly ModelEntry[] } | undefined;
const shared = singleFlight<readonly ModelEntry[]>();

const isProvider = (value: string): value is ProviderId => (providerIds as readonly string[]).includes(value);

/**
 * The live catalogue from the `models` table, seeded from the price sheet when empty. The
 * database is asked for only when the isolate's copy is stale, so a warm call opens nothing. A
 * stale copy keeps serving while it is refreshed, and while Postgres is down: routing never waits
 * on or fails with the catalogue's database (the seed prices serve an isolate that has no copy).
 */
export async function loadCatalogue(
  database: () => PostgresDatabase | undefined,
  now = Date.now(),
): Promise<readonly ModelEntry[]> {
  if (cached && now - cached.at < CACHE_MS) return cached.models;
  const db = database();
  if (!db) return seedModels;
  const inHand = cached?.models;
  const refresh = shared('catalogue', () => queryCatalogue(db, now)).catch(() => {
    const models = inHand ?? seedModels;
    cached = { at: now - CACHE_MS + RETRY_AFTER_FAILURE_MS, models };
    return models;
  });
  if (inHand) return inHand;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const seed = new Promise<readonly ModelEntry[]>((resolve) => {
    timer = setTimeout(() => resolve(seedModels), COLD_WAIT_MS);
  });
  return Promise.race([refresh, seed]).finally(() => clearTimeout(timer));
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
