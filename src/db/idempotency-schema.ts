import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The first answer to each paid POST sent with an Idempotency-Key, so a retry gets that answer
// instead of paying again. In D1 rather than Redis: a record must outlive an isolate, an eviction
// and a Redis outage, and D1's single writer makes the claim below atomic. Epoch milliseconds.
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    // A key is only unique per client and route: two clients may well pick the same one.
    client: text('client').notNull(),
    route: text('route').notNull(),
    key: text('key').notNull(),
    /** The concrete path and a sha-256 of the canonical body: a reuse with another request is refused. */
    path: text('path').notNull(),
    bodyHash: text('body_hash').notNull(),
    state: text('state', { enum: ['running', 'done'] }).notNull(),
    /** A random id of the request holding the claim (not its X-Request-Id, which a client may repeat). */
    claimId: text('claim_id').notNull(),
    status: integer('status'),
    headers: text('headers', { mode: 'json' }).$type<Record<string, string>>(),
    /** Null on a done record whose answer was too large to keep. */
    body: text('body'),
    createdAt: integer('created_at').notNull(),
    /** A running record past this is taken to be dead (its isolate went away) and may be claimed again. */
    lockedUntil: integer('locked_until').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.client, table.route, table.key] }),
    index('idempotency_keys_expiry').on(table.expiresAt),
  ],
);

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;
