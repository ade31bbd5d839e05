import { DurableObject } from 'cloudflare:workers';
import type { SigningKey } from '../src/auth/jwt';
import { nextRotationAt, rotationSteps, type StoredSigningKey } from '../src/auth/signing-key-rotation';
import { type PingAnswer, pingStorage } from './ping';
import { migrateSchema, type SchemaMigration } from './schema-migrations';

const migrations: readonly SchemaMigration[] = [
  (sql) =>
    sql.exec(`create table if not exists signing_keys (
      kid text primary key, secret text not null, created_at integer not null, retired_at integer)`),
];

/** The keys tokens are signed with: the first signs, every one verifies. */
export interface TokenKeySet {
  keys: SigningKey[];
  /** When the set changes next (a rotation or a retired key dropped); isolates refresh by then. */
  nextChangeAt: number | null;
}

/**
 * The one home of the JWT signing keys. A key signs for 90 days, then its successor takes over
 * and it keeps verifying for a day and an hour, the longest a token it signed can live. The
 * alarm rotates on time even when nobody asks for a token.
 */
export class TokenKeys extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      migrateSchema(ctx.storage, 'TokenKeys', migrations);
    });
  }

  ping(): PingAnswer {
    return pingStorage(this.ctx.storage, 'TokenKeys');
  }

  async current(now = Date.now()): Promise<TokenKeySet> {
    const keys = this.rotate(now);
    const signing = keys.filter((key) => key.retiredAt === null);
    const verifying = keys.filter((key) => key.retiredAt !== null);
    const next = nextRotationAt(keys) ?? null;
    if (next !== null && (await this.ctx.storage.getAlarm()) !== next) await this.ctx.storage.setAlarm(next);
    return {
      keys: [...signing, ...verifying].map(({ kid, secret }) => ({ kid, secret })),
      nextChangeAt: next,
    };
  }

  override async alarm(): Promise<void> {
    await this.current();
  }

  private rotate(now: number): StoredSigningKey[] {
    const sql = this.ctx.storage.sql;
    return this.ctx.storage.transactionSync(() => {
      for (const step of rotationSteps(this.stored(), now)) {
        if (step.kind === 'create') {
          if (step.retire) sql.exec('update signing_keys set retired_at = ? where kid = ?', now, step.retire);
          sql.exec('insert into signing_keys values (?, ?, ?, null)', step.key.kid, step.key.secret, now);
        } else {
          for (const kid of step.kids) sql.exec('delete from signing_keys where kid = ?', kid);
        }
      }
      return this.stored();
    });
  }

  private stored(): StoredSigningKey[] {
    return this.ctx.storage.sql
      .exec<{ kid: string; secret: string; created_at: number; retired_at: number | null }>(
        'select kid, secret, created_at, retired_at from signing_keys order by created_at desc',
      )
      .toArray()
      .map((row) => ({ kid: row.kid, secret: row.secret, createdAt: row.created_at, retiredAt: row.retired_at }));
  }
}
