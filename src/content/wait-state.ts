import { eq } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { socialState } from '../db/social-schema';

// Until when a channel asked us to wait (X's x-rate-limit-reset), kept in D1 so the next run
// honours it too.

const key = (channel: string) => `wait:${channel}`;

export async function readWaitUntil(db: D1Db, channel: string): Promise<number> {
  const row = await db
    .select()
    .from(socialState)
    .where(eq(socialState.key, key(channel)))
    .get();
  return row ? Number(row.value) : 0;
}

export async function writeWaitUntil(db: D1Db, channel: string, until: number, now: number) {
  await db
    .insert(socialState)
    .values({ key: key(channel), value: String(until), updatedAt: now })
    .onConflictDoUpdate({ target: socialState.key, set: { value: String(until), updatedAt: now } });
}
