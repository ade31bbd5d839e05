import { env } from 'cloudflare:workers';
import { generateApiKey, hashApiKey, keyPrefix, type Role } from '../../src/auth/api-keys';
import { apiKeys, users } from '../../src/db/pg-schema';
import { openPostgres } from '../../src/db/postgres';

export const ownerKey = env.EMPIRE_DEV_OWNER_KEY;

/** A fresh API key of `role`, stored hashed in Postgres like `npm run key:create` does. */
export async function createKey(role: Role): Promise<string> {
  const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
  try {
    const key = generateApiKey();
    const [user] = await postgres.db
      .insert(users)
      .values({ name: `test ${role}`, role })
      .returning({ id: users.id });
    if (!user) throw new Error('no user row');
    await postgres.db
      .insert(apiKeys)
      .values({ userId: user.id, label: 'test', prefix: keyPrefix(key), keyHash: await hashApiKey(key), role });
    return key;
  } finally {
    await postgres.close();
  }
}
