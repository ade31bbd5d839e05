import { and, eq, gt, isNull, or, type SQL, sql } from 'drizzle-orm';
import { apiKeys } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';
import { BoundedCache } from '../lib/bounded-cache';
import { singleFlight } from '../lib/single-flight';
import { hashApiKey, keyPrefix, looksLikeApiKey, sameDigest } from './api-keys';
import { clientIdOf } from './key-store';
import type { Principal } from './principal';

// A revoked key (and its tokens) keeps working for at most this long in an isolate that already saw it.
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
/** Each key's hash, so a key seen again costs no digest; bounded like the caches above. */
const keyHashes = new BoundedCache<string, string>({ maxEntries: 1_000, ttlMs: CACHE_MS });

async function hashOf(key: string, now: number): Promise<string> {
  const known = keyHashes.get(key, now);
  if (known) return known;
  const hash = await hashApiKey(key);
  keyHashes.set(key, hash, now);
  return hash;
}

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
  const hash = await hashOf(key, now);
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

/** Still usable: not revoked and not past its expiry (a rotated key's grace ends as an expiry). */
const usable = (): SQL =>
  and(isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`))) as SQL;

/**
 * Finds a usable key and stamps its last use in one statement; a key is looked up at most once
 * per isolate per CACHE_MS, so the stamp says "used within the last minute or so".
 */
async function stampUsableKey(db: PostgresDatabase, match: SQL) {
  const [row] = await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(and(match, usable())).returning({
    id: apiKeys.id,
    role: apiKeys.role,
    prefix: apiKeys.prefix,
    clientId: apiKeys.clientId,
    expiresAt: apiKeys.expiresAt,
    allowedModels: apiKeys.allowedModels,
  });
  if (!row) return undefined;
  const principal: Principal = {
    clientId: clientIdOf(row),
    role: row.role,
    keyPrefix: row.prefix,
    keyId: row.id,
    ...(row.allowedModels ? { allowedModels: row.allowedModels } : {}),
  };
  return { principal, expiresAt: row.expiresAt?.getTime() };
}

/** Cached no longer than the key lives, so an expiring key stops on time. */
const ttlFor = (expiresAt: number | undefined, now: number) =>
  expiresAt === undefined ? CACHE_MS : Math.max(0, Math.min(CACHE_MS, expiresAt - now));

async function lookUp(db: PostgresDatabase, hash: string, now: number): Promise<Principal | null> {
  const found = await stampUsableKey(db, eq(apiKeys.keyHash, hash));
  if (!found) {
    unknownKeyCache.set(hash, true, now);
    return null;
  }
  knownKeyCache.set(hash, found.principal, now, ttlFor(found.expiresAt, now));
  return found.principal;
}

/** The key behind a token, by id: null once it is revoked or expired. */
const keyGrantCache = new BoundedCache<string, Principal | null>({ maxEntries: 1_000, ttlMs: CACHE_MS });
const sharedGrant = singleFlight<Principal | null | undefined>();
/** What Postgres last said of each key, kept for its outages. */
const lastGrants = new BoundedCache<string, Principal | null>({ maxEntries: 1_000, ttlMs: 24 * 60 * 60 * 1000 });

/**
 * The current grant of the key a token was minted from. A token outlives no revocation or expiry
 * of its key by more than CACHE_MS. While Postgres cannot be asked, the last answer this isolate
 * had stands, and with none the token's signature alone is trusted (docs/degraded-modes.md).
 */
export async function currentKeyGrant(
  keyId: string,
  postgres: (() => PostgresDatabase | undefined) | undefined,
  now = Date.now(),
): Promise<Principal | null | undefined> {
  const cached = keyGrantCache.get(keyId, now);
  if (cached !== undefined) return cached;
  const db = postgres?.();
  if (!db) return undefined;
  return sharedGrant(keyId, async () => {
    const found = await stampUsableKey(db, eq(apiKeys.id, keyId)).catch(() => 'unreachable' as const);
    if (found === 'unreachable') return lastGrants.get(keyId);
    const grant = found?.principal ?? null;
    keyGrantCache.set(keyId, grant, now, ttlFor(found?.expiresAt, now));
    lastGrants.set(keyId, grant);
    return grant;
  });
}

/** A key revoked or rotated here stops here at once; other isolates follow within CACHE_MS. */
export function forgetKeys(): void {
  knownKeyCache.clear();
  keyGrantCache.clear();
}
