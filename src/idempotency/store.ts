import { and, eq, lte, or, sql } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { idempotencyKeys } from '../db/idempotency-schema';
import type { StoredAnswer } from './answer';
import { CLAIM_LOCK_MS, KEY_TTL_MS } from './key';

type Db = D1Db;

/** Whose key it is: a key is unique per client and per route, never across them. */
export interface KeyScope {
  client: string;
  route: string;
  key: string;
}

/** What makes two sends "the same request": the concrete path and the body's hash. */
export interface RequestPrint {
  path: string;
  bodyHash: string;
}

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'running' }
  | { kind: 'done'; answer: StoredAnswer }
  | { kind: 'mismatch'; differs: 'path' | 'body' };

export interface IdempotencyStore {
  /** Takes the key for the claim `claimId`, or says why not: the first is running, done, or was another request. */
  claim(scope: KeyScope, print: RequestPrint, claimId: string, now: number): Promise<Claim>;
  /** Keeps the answer; false when the claim is no longer this request's (it was taken over). */
  complete(scope: KeyScope, claimId: string, answer: StoredAnswer): Promise<boolean>;
  /** Frees the key so a retry runs again; only the request holding the claim can. */
  release(scope: KeyScope, claimId: string): Promise<void>;
  /** Drops records past their day, at most `limit`; answers how many went. */
  purgeExpired(now: number, limit?: number): Promise<number>;
}

const byScope = (scope: KeyScope) =>
  and(
    eq(idempotencyKeys.client, scope.client),
    eq(idempotencyKeys.route, scope.route),
    eq(idempotencyKeys.key, scope.key),
  );

export function d1IdempotencyStore(db: Db): IdempotencyStore {
  async function claim(scope: KeyScope, print: RequestPrint, claimId: string, now: number, attempt = 0) {
    const fresh = {
      ...print,
      state: 'running' as const,
      claimId,
      status: null,
      headers: null,
      body: null,
      createdAt: now,
      lockedUntil: now + CLAIM_LOCK_MS,
      expiresAt: now + KEY_TTL_MS,
    };
    // One statement, so two concurrent sends cannot both win: D1 runs writes one at a time.
    const won = await db
      .insert(idempotencyKeys)
      .values({ ...scope, ...fresh })
      .onConflictDoUpdate({
        target: [idempotencyKeys.client, idempotencyKeys.route, idempotencyKeys.key],
        set: fresh,
        // An expired record is gone in all but name; a claim past its lock belongs to a request that died.
        setWhere: or(
          lte(idempotencyKeys.expiresAt, now),
          and(eq(idempotencyKeys.state, 'running'), lte(idempotencyKeys.lockedUntil, now)),
        ),
      })
      .returning({ claimId: idempotencyKeys.claimId })
      .all();
    if (won.length > 0) return { kind: 'claimed' } as const;
    const row = await db.select().from(idempotencyKeys).where(byScope(scope)).get();
    // Purged between the two statements: it was expired, so the key is free; try once more.
    if (!row) {
      if (attempt > 0) throw new Error('idempotency record vanished twice while claiming');
      return claim(scope, print, claimId, now, attempt + 1);
    }
    if (row.path !== print.path) return { kind: 'mismatch', differs: 'path' } as const;
    if (row.bodyHash !== print.bodyHash) return { kind: 'mismatch', differs: 'body' } as const;
    if (row.state === 'running' || row.status === null) return { kind: 'running' } as const;
    return { kind: 'done', answer: { status: row.status, headers: row.headers ?? {}, body: row.body } } as const;
  }

  return {
    claim: (scope, print, claimId, now) => claim(scope, print, claimId, now),

    async complete(scope, claimId, answer) {
      const kept = await db
        .update(idempotencyKeys)
        .set({ state: 'done', status: answer.status, headers: answer.headers, body: answer.body })
        .where(and(byScope(scope), eq(idempotencyKeys.claimId, claimId)))
        .returning({ key: idempotencyKeys.key })
        .all();
      return kept.length > 0;
    },

    async release(scope, claimId) {
      await db
        .delete(idempotencyKeys)
        .where(and(byScope(scope), eq(idempotencyKeys.claimId, claimId), eq(idempotencyKeys.state, 'running')));
    },

    async purgeExpired(now, limit = 1_000) {
      // Bounded, so one sweep after a busy day is a few short writes rather than one long one.
      const result = await db.run(
        sql`delete from ${idempotencyKeys} where rowid in (select rowid from ${idempotencyKeys} where ${idempotencyKeys.expiresAt} <= ${now} limit ${limit})`,
      );
      return result.meta.changes ?? 0;
    },
  };
}
