import { and, eq, inArray, sql } from 'drizzle-orm';
import { normaliseEmail } from '../channels/email/address';
import { isErased } from '../crm/erased-addresses';
import { leads } from '../db/crm-schema';
import type { D1Db } from '../db/d1';
import { enrolments, suppressions, unsubscribeTokens } from '../db/sales-schema';

/** 32 random bytes, base64url: unguessable, and the only key to its address. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The address's unsubscribe token, made on first use; concurrent callers end with the same one. */
export async function tokenFor(db: D1Db, email: string, now: number): Promise<string> {
  const emailNormalized = normaliseEmail(email);
  await db
    .insert(unsubscribeTokens)
    .values({ token: randomToken(), emailNormalized, createdAt: now })
    .onConflictDoNothing()
    .run();
  const row = await db
    .select({ token: unsubscribeTokens.token })
    .from(unsubscribeTokens)
    .where(eq(unsubscribeTokens.emailNormalized, emailNormalized))
    .get();
  if (!row) throw new Error('unsubscribe token vanished');
  return row.token;
}

export const unsubscribeUrl = (baseUrl: string, token: string) => `${baseUrl.replace(/\/+$/, '')}/u/${token}`;

/** On the plain do-not-email list, or the hashed one of erased people. */
export async function isSuppressed(db: D1Db, email: string): Promise<boolean> {
  const row = await db
    .select({ at: suppressions.at })
    .from(suppressions)
    .where(eq(suppressions.emailNormalized, normaliseEmail(email)))
    .get();
  return row !== undefined || (await isErased(db, email));
}

export type UnsubscribeOutcome = { found: false } | { found: true; first: boolean; leadIds: string[] };

/**
 * Suppresses the token's address for good and stops its active enrolments. Idempotent: a second
 * click finds the suppression and changes nothing.
 */
export async function unsubscribe(db: D1Db, token: string, now: number): Promise<UnsubscribeOutcome> {
  if (!TOKEN_PATTERN.test(token)) return { found: false };
  const row = await db.select().from(unsubscribeTokens).where(eq(unsubscribeTokens.token, token)).get();
  if (!row) return { found: false };
  const inserted = await db
    .insert(suppressions)
    .values({ emailNormalized: row.emailNormalized, reason: 'unsubscribed', at: now })
    .onConflictDoNothing()
    .returning()
    .all();
  const leadIds = (
    await db.select({ id: leads.id }).from(leads).where(eq(leads.emailNormalized, row.emailNormalized)).all()
  ).map((lead) => lead.id);
  if (leadIds.length > 0) {
    await db
      .update(enrolments)
      .set({ status: 'unsubscribed', updatedAt: now })
      .where(and(inArray(enrolments.leadId, leadIds), eq(enrolments.status, 'active')))
      .run();
  }
  return { found: true, first: inserted.length > 0, leadIds };
}

/** Counts suppressed addresses; for the sales overview. */
export async function suppressionCount(db: D1Db): Promise<number> {
  const row = await db.select({ n: sql<number>`count(*)` }).from(suppressions).get();
  return row?.n ?? 0;
}
