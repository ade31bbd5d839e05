import { and, eq, gt, lte } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { webhookClaims } from '../db/d1-schema';
import type { ClaimStore } from './claim';

/** Webhook claims in D1: the insert is the claim, so concurrent deliveries race on the primary key. */
export function d1Claims(db: D1Db, now: () => number = Date.now): ClaimStore {
  return {
    async claim(key, ttlSeconds) {
      const at = now();
      // Expired claims go first, so an old key can be claimed again and the table stays small.
      await db.delete(webhookClaims).where(lte(webhookClaims.expiresAt, at));
      const result = await db
        .insert(webhookClaims)
        .values({ key, claimedAt: at, expiresAt: at + ttlSeconds * 1000 })
        .onConflictDoNothing()
        .run();
      return result.meta.changes === 1;
    },
    async has(key) {
      const row = await db
        .select({ key: webhookClaims.key })
        .from(webhookClaims)
        .where(and(eq(webhookClaims.key, key), gt(webhookClaims.expiresAt, now())))
        .get();
      return row !== undefined;
    },
  };
}
