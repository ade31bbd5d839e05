import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { apiKeys, users } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';
import { generateApiKey, hashApiKey, keyPrefix, type Role } from './api-keys';

/** The requirement the owner is held to: a key older than this is due for rotation. */
export const ROTATE_AFTER_DAYS = 90;
const DAY_MS = 86_400_000;

export interface KeyRecord {
  id: string;
  label: string;
  prefix: string;
  role: Role;
  clientId: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  replacedBy: string | null;
  allowedModels: string[] | null;
}

export type KeyState = 'active' | 'expired' | 'revoked';

export interface NewKey {
  label: string;
  role: Role;
  expiresAt?: Date;
  allowedModels?: string[];
}

const columns = {
  id: apiKeys.id,
  label: apiKeys.label,
  prefix: apiKeys.prefix,
  role: apiKeys.role,
  clientId: apiKeys.clientId,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  replacedBy: apiKeys.replacedBy,
  allowedModels: apiKeys.allowedModels,
};

type Row = Omit<typeof apiKeys.$inferSelect, 'userId' | 'keyHash'>;

/** Keys made before client ids were stored speak for `key-<id>`, as they always have. */
export const clientIdOf = (row: { id: string; clientId: string | null }) => row.clientId ?? `key-${row.id}`;

const record = (row: Row): KeyRecord => ({ ...row, clientId: clientIdOf(row) });

export function keyState(key: Pick<KeyRecord, 'revokedAt' | 'expiresAt'>, now = Date.now()): KeyState {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt.getTime() <= now) return 'expired';
  return 'active';
}

export const rotationDue = (key: KeyRecord, now = Date.now()) =>
  keyState(key, now) === 'active' && !key.replacedBy && now - key.createdAt.getTime() > ROTATE_AFTER_DAYS * DAY_MS;

/** A new key for a new holder; the secret is in the answer and nowhere else. */
export async function createApiKey(
  db: PostgresDatabase,
  key: NewKey,
  clientId?: string,
): Promise<{ record: KeyRecord; secret: string }> {
  const secret = generateApiKey();
  const [user] = await db.insert(users).values({ name: key.label, role: key.role }).returning({ id: users.id });
  if (!user) throw new Error('no user row');
  return { record: await insertKey(db, user.id, key, secret, clientId), secret };
}

async function insertKey(db: PostgresDatabase, userId: string, key: NewKey, secret: string, clientId?: string) {
  const [row] = await db
    .insert(apiKeys)
    .values({
      userId,
      label: key.label,
      prefix: keyPrefix(secret),
      keyHash: await hashApiKey(secret),
      role: key.role,
      expiresAt: key.expiresAt ?? null,
      allowedModels: key.allowedModels ?? null,
      clientId: clientId ?? null,
    })
    .returning(columns);
  if (!row) throw new Error('no key row');
  return record(row);
}

export async function listApiKeys(db: PostgresDatabase, includeEnded: boolean, now = Date.now()) {
  const rows = await db
    .select(columns)
    .from(apiKeys)
    .where(includeEnded ? undefined : isNull(apiKeys.revokedAt))
    .orderBy(desc(apiKeys.createdAt));
  const keys = rows.map(record);
  return includeEnded ? keys : keys.filter((key) => keyState(key, now) === 'active');
}

export async function findApiKey(db: PostgresDatabase, id: string): Promise<KeyRecord | undefined> {
  const [row] = await db.select(columns).from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  return row ? record(row) : undefined;
}

/** Revokes at once; a key already revoked keeps its first revocation time. */
export async function revokeApiKey(db: PostgresDatabase, id: string): Promise<KeyRecord | undefined> {
  await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  return findApiKey(db, id);
}

/**
 * A new secret for the same client, role, models and expiry; the old key keeps working until the
 * end of the grace period (never past its own expiry), then stops like an expired one.
 */
export async function rotateApiKey(
  db: PostgresDatabase,
  old: KeyRecord,
  graceMs: number,
  now = Date.now(),
): Promise<{ record: KeyRecord; secret: string; previous: KeyRecord }> {
  const [owner] = await db.select({ userId: apiKeys.userId }).from(apiKeys).where(eq(apiKeys.id, old.id)).limit(1);
  if (!owner) throw new Error('key vanished');
  const secret = generateApiKey();
  const fresh = await insertKey(
    db,
    owner.userId,
    {
      label: old.label,
      role: old.role,
      expiresAt: old.expiresAt ?? undefined,
      allowedModels: old.allowedModels ?? undefined,
    },
    secret,
    old.clientId,
  );
  const graceEnd = new Date(now + graceMs);
  const oldEnd = old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;
  await db.update(apiKeys).set({ expiresAt: oldEnd, replacedBy: fresh.id }).where(eq(apiKeys.id, old.id));
  return { record: fresh, secret, previous: { ...old, expiresAt: oldEnd, replacedBy: fresh.id } };
}

/** Active owner keys other than `exceptId`: revoking the last one would lock the owner out. */
export async function otherActiveOwnerKeys(db: PostgresDatabase, exceptId: string, now = Date.now()) {
  const keys = await listApiKeys(db, false, now);
  return keys.filter((key) => key.role === 'owner' && key.id !== exceptId).length;
}

export async function keysDueForRotation(db: PostgresDatabase, now = Date.now()): Promise<string[]> {
  const keys = await listApiKeys(db, false, now);
  return keys.filter((key) => rotationDue(key, now)).map((key) => key.prefix);
}
