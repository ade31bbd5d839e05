import { and, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';
import { singleFlight } from '../lib/single-flight';
import { hashApiKey, keyPrefix, looksLikeApiKey, sameDigest } from './api-keys';
import type { Principal } from './principal';

// A revoked key keeps working for at most this long in an isolate that already saw it.
const CACHE_MS = 30_000;
const cache = new Map<string, { at: number; principal: Principal | null }>();
const shared = singleFlight<Principal | null>();

export interface KeySources {
  /** EMPIRE_DEV_OWNER_KEY: an owner key from config, for local development. */
  devOwnerKey?: string;
  /** Asked for only when the key is not the dev key and not cached. */
  postgres?: () => PostgresDatabase | undefined;
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
  const cached = cache.get(hash);
  if (cached && now - cached.at < CACHE_MS) return cached.principal;
  const db = sources.postgres?.();
  if (!db) return null;
  return shared(hash, () => lookUp(db, hash, now));
}

async function lookUp(db: PostgresDatabase, hash: string, now: number): Promise<Principal | null> {
  const row = await db
    .select({ id: apiKeys.id, role: apiKeys.role, prefix: apiKeys.prefix })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  const found = row[0];
  const principal = found ? { clientId: `key-${found.id}`, role: found.role, keyPrefix: found.prefix } : null;
  cache.set(hash, { at: now, principal });
  return principal;
}
