import { and, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';
import { BoundedCache } from '../lib/bounded-cache';
import { singleFlight } from '../lib/single-flight';
import { hashApiKey, keyPrefix, looksLikeApiKey, sameDigest } from './api-keys';
import type { Principal } from './principal';

// A revoked key keeps working for at most this long in an isolate that already saw it.
const CACHE_MS = 30_000;
/** Keys that resolved to a principal, by hash. Real keys are few; the cap only guards memory. */
export const knownKeyCache = new BoundedCache<string, Principal>({ maxEntries: 1_000, ttlMs: CACHE_MS });
/**
 * Well-formed keys Postgres did not know, by hash, so a repeated one costs no query. Anyone can
 * make these up, so the cap is small; the per-address limit on failed credentials (workers/http/auth.ts)
 * is what keeps a stream of new ones from reaching Postgres.
 */
export const unknownKeyCache = new BoundedCache<string, true>({ maxEntries: 256, ttlMs: CACHE_MS });
const shared = singleFlight<Principal | null>();

export interface KeySources {
  /** EMPIRE_DEV_OWNER_KEY: an owner key from config, for local development. */
  devOwnerKey?: string;
  /** Asked for only when the key is not the dev key and not cached. */
  postgres?: () => PostgresDatabase | undefined;
  /** Awaited before a key is looked up in Postgres; it may throw to refuse the lookup. */
  beforeLookup?: () => Promise<void>;
}

let devKey: { key: string; hash: string } | undefined;
async function devKeyHash(key: string): Promise<string> {
  if (devKey?.key !== key) devKey = { key, hash: await hashApiKey(key) };
  return devKey.hash;
}

/** Resolves an API key to its principal, or null when it is unknown, revoked or malformed. */
export async function authenticateApiKey(
  key: string,
  sources: KeySources,
  now = Date.now(),
): Promise<Principal | null> {
  if (!looksLikeApiKey(key)) return null;
  const hash = await hashApiKey(key);
  if (sources.devOwnerKey && sameDigest(hash, await devKeyHash(sources.devOwnerKey))) {
    return { clientId: 'dev-owner', role: 'owner', keyPrefix: keyPrefix(key) };
  }
  const known = knownKeyCache.get(hash, now);
  if (known) return known;
  if (unknownKeyCache.get(hash, now)) return null;
  const db = sources.postgres?.();
  if (!db) return null;
  await sources.beforeLookup?.();
  return shared(hash, () => lookUp(db, hash, now));
}

async function lookUp(db: PostgresDatabase, hash: string, now: number): Promise<Principal | null> {
  const row = await db
    .select({ id: apiKeys.id, role: apiKeys.role, prefix: apiKeys.prefix })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  const found = row[0];
  if (!found) {
    unknownKeyCache.set(hash, true, now);
    return null;
  }
  const principal: Principal = { clientId: `key-${found.id}`, role: found.role, keyPrefix: found.prefix };
  knownKeyCache.set(hash, principal, now);
  return principal;
}
