import { eq } from 'drizzle-orm';
import { XApiError, type XClient } from '../channels/x/client';
import type { D1Db } from '../db/d1';
import { socialState, xPosts } from '../db/social-schema';
import { clearReadRefusal, recordReadRefusal } from './read-access';

// Reads the mentions timeline into the x_posts inbox. The newest id read is kept in D1 as the next
// run's since_id, and only after every page arrived: a run cut short (a 429 on page 3) starts over
// from the same since_id, and the posts it already stored are skipped by their primary key.

const MAX_PAGES = 10;

const sinceKey = (userId: string) => `x:mentions:since:${userId}`;

export async function readSinceId(db: D1Db, userId: string): Promise<string | undefined> {
  return (
    await db
      .select()
      .from(socialState)
      .where(eq(socialState.key, sinceKey(userId)))
      .get()
  )?.value;
}

const newer = (a: string, b: string | undefined) => (b === undefined || BigInt(a) > BigInt(b) ? a : b);

export interface MentionsRead {
  fetched: number;
  stored: number;
  pages: number;
  sinceId?: string;
}

export async function readMentions(db: D1Db, client: XClient, userId: string, now: number): Promise<MentionsRead> {
  const sinceId = await readSinceId(db, userId);
  let token: string | undefined;
  let newest: string | undefined;
  const read: MentionsRead = { fetched: 0, stored: 0, pages: 0 };
  do {
    const page = await client.mentions(userId, { sinceId, token }).catch(async (error: unknown) => {
      if (error instanceof XApiError && error.status === 403) await recordReadRefusal(db, error.message, now);
      throw error;
    });
    read.pages += 1;
    const users = new Map((page.includes?.users ?? []).map((user) => [user.id, user]));
    for (const post of page.data ?? []) {
      read.fetched += 1;
      newest = newer(post.id, newest);
      const author = users.get(post.author_id ?? '');
      const inserted = await db
        .insert(xPosts)
        .values({
          postId: post.id,
          authorId: post.author_id ?? 'unknown',
          username: author?.username ?? null,
          displayName: author?.name ?? null,
          text: post.text,
          postedAt: post.created_at ? Date.parse(post.created_at) : null,
          status: 'pending',
          receivedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: xPosts.postId });
      read.stored += inserted.length;
    }
    token = page.meta.next_token;
  } while (token && read.pages < MAX_PAGES);
  // Pages run newest to oldest: moving since_id past a page not read yet would lose it.
  if (!token && newest && newest !== sinceId) {
    await db
      .insert(socialState)
      .values({ key: sinceKey(userId), value: newest, updatedAt: now })
      .onConflictDoUpdate({ target: socialState.key, set: { value: newest, updatedAt: now } });
  }
  await clearReadRefusal(db);
  read.sinceId = newest ?? sinceId;
  return read;
}
