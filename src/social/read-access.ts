import { eq } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { socialState } from '../db/social-schema';

// X sells read access by plan: on a plan without it the mentions timeline answers 403 while
// posting still works. The last refusal is kept so /api/health can say why no lead comes in.

const KEY = 'x:read:refused';

export interface ReadRefusal {
  message: string;
  at: number;
}

export async function recordReadRefusal(db: D1Db, message: string, now: number): Promise<void> {
  const value = JSON.stringify({ message: message.slice(0, 300), at: now });
  await db
    .insert(socialState)
    .values({ key: KEY, value, updatedAt: now })
    .onConflictDoUpdate({ target: socialState.key, set: { value, updatedAt: now } });
}

export async function clearReadRefusal(db: D1Db): Promise<void> {
  await db.delete(socialState).where(eq(socialState.key, KEY));
}

export async function lastReadRefusal(db: D1Db): Promise<ReadRefusal | undefined> {
  const row = await db.select().from(socialState).where(eq(socialState.key, KEY)).get();
  return row ? (JSON.parse(row.value) as ReadRefusal) : undefined;
}
