import { llmProviders, models } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';
import { DomainError, UnavailableError } from '../lib/domain-errors';
import { singleFlight } from '../lib/single-flight';
import { type ModelEntry, seedModels } from './catalogue';
import { type ProviderDefinition, refusableParameters } from './provider-definitions';

// Prices change rarely; a minute of staleness per isolate saves a query on every call.
export const CATALOGUE_CACHE_SECONDS = 60;
const CACHE_MS = CATALOGUE_CACHE_SECONDS * 1_000;
/** After a failed read the copy in hand serves this long before the database is asked again. */
const RETRY_AFTER_FAILURE_MS = 10_000;
/** An isolate with no copy yet waits this long for the database, then routes on the seed prices. */
const COLD_WAIT_MS = 2_000;
// Models and the providers added by configuration travel together, so a model never arrives
// without its provider.
let cached: { at: number; models: readonly ModelEntry[]; providers: readonly ProviderDefinition[] } | undefined;
const shared = singleFlight<readonly ModelEntry[]>();

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
    cached = { at: now - CACHE_MS + RETRY_AFTER_FAILURE_MS, models, providers: cached?.providers ?? [] };
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
  const { entries, providers } = await readCatalogue(db);
  cached = { at: now, models: entries, providers };
  return entries;
}

/** The catalogue as stored now (seeded first if empty): what the owner's API reads and writes against. */
export async function readCatalogue(db: PostgresDatabase) {
  let rows = await db.select().from(models);
  if (rows.length === 0) {
    await db
      .insert(models)
      .values(seedModels.map((entry) => ({ ...entry })))
      .onConflictDoNothing();
    rows = await db.select().from(models);
  }
  const providers = await db.select().from(llmProviders);
  const entries = rows.map(({ updatedAt: _, ...row }): ModelEntry => row);
  return { entries, providers: providers.map(({ createdAt: _, updatedAt: __, ...row }) => toDefinition(row)) };
}

function toDefinition(row: Omit<typeof llmProviders.$inferSelect, 'createdAt' | 'updatedAt'>): ProviderDefinition {
  return {
    ...row,
    maxTokensField: row.maxTokensField === 'max_completion_tokens' ? 'max_completion_tokens' : 'max_tokens',
    unsupportedParameters: row.unsupportedParameters.filter(isRefusable),
  };
}

const isRefusable = (value: string): value is ProviderDefinition['unsupportedParameters'][number] =>
  (refusableParameters as readonly string[]).includes(value);

/** The configured providers of the copy in hand; read after loadCatalogue, they match its models. */
export function catalogueProviders(): readonly ProviderDefinition[] {
  return cached?.providers ?? [];
}

/** Drops this isolate's copy, so the next call reads the database (after a write through the API). */
export function forgetCatalogue(): void {
  cached = undefined;
}

/**
 * Runs an edit or read of the stored catalogue: a database that fails is an outage (503), never
 * an internal error; the domain's own refusals pass through as they are.
 */
export async function withCatalogueDatabase<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new UnavailableError('The model catalogue cannot be reached (Postgres); try again shortly');
  }
}
