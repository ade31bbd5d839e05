import { eq, inArray } from 'drizzle-orm';
import { normaliseEmail } from '../channels/email/address';
import type { D1Db } from '../db/d1';
import { type SuppressionReason, suppressionHashes, suppressions } from '../db/sales-schema';

// A fixed prefix keeps these hashes apart from any other SHA-256 of an address. It is no secret:
// the hash hides the address from a reader of the table, not from someone who already holds it,
// which is exactly what recognising a returning address needs.
const HASH_PREFIX = 'empire:suppression:v1:';

/** The SHA-256 (hex) of the normalised address, as the hashed suppression list keys it. */
export async function addressHash(email: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${HASH_PREFIX}${normaliseEmail(email)}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The addresses among these whose person was erased; D1 caps a statement's variables, hence the chunks. */
export async function erasedAmong(db: D1Db, emails: string[]): Promise<Set<string>> {
  const byHash = new Map<string, string>();
  for (const email of new Set(emails.map(normaliseEmail))) byHash.set(await addressHash(email), email);
  const erased = new Set<string>();
  const hashes = [...byHash.keys()];
  for (let start = 0; start < hashes.length; start += 90) {
    const rows = await db
      .select({ hash: suppressionHashes.emailHash })
      .from(suppressionHashes)
      .where(inArray(suppressionHashes.emailHash, hashes.slice(start, start + 90)))
      .all();
    for (const row of rows) erased.add(byHash.get(row.hash) ?? '');
  }
  erased.delete('');
  return erased;
}

export async function isErased(db: D1Db, email: string): Promise<boolean> {
  return (await erasedAmong(db, [email])).size > 0;
}

/**
 * The statements that replace an address's plain do-not-email entry with its hash, for the
 * erasure's batch. The opt-out reason, if there was one, is kept.
 */
export function hashSuppressionStatements(
  db: D1Db,
  emailNormalized: string,
  hash: string,
  reason: SuppressionReason,
  now: number,
) {
  return [
    db.insert(suppressionHashes).values({ emailHash: hash, reason, at: now }).onConflictDoNothing(),
    db.delete(suppressions).where(eq(suppressions.emailNormalized, emailNormalized)),
  ] as const;
}

/**
 * A person erased before who comes back (an import, a capture, a restored backup) is held again,
 * but put back on the plain do-not-email list at once, so every sequence and send skips them as
 * before; erasing them again turns the entry back into its hash.
 */
export async function keepErasedOffMailings(db: D1Db, emails: string[], now: number): Promise<number> {
  const erased = [...(await erasedAmong(db, emails))];
  if (erased.length === 0) return 0;
  const rows = erased.map((emailNormalized) => ({ emailNormalized, reason: 'erased' as const, at: now }));
  await db.insert(suppressions).values(rows).onConflictDoNothing().run();
  return erased.length;
}
