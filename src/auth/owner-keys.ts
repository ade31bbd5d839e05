import { and, count, eq, isNull } from 'drizzle-orm';
import type { PostgresDatabase } from '../db/postgres';
import { apiKeys } from '../db/pg-schema';

export async function countOwnerKeys(db: PostgresDatabase): Promise<number> {
  const [row] = await db
    .select({ owners: count() })
    .from(apiKeys)
    .where(and(eq(apiKeys.role, 'owner'), isNull(apiKeys.revokedAt)));
  return row?.owners ?? 0;
}
