import { and, count, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';

export async function countOwnerKeys(db: PostgresDatabase): Promise<number> {
  const [row] = await db
    .select({ owners: count() })
    .from(apiKeys)
    .where(and(eq(apiKeys.role, 'owner'), isNull(apiKeys.revokedAt)));
  return row?.owners ?? 0;
}
