import { and, eq, lt, or } from 'drizzle-orm';
import {
  type ContentChannel,
  type ContentItemRow,
  type ContentPublicationRow,
  contentPublications,
} from '../db/content-schema';
import type { D1Db } from '../db/d1';
import { dueItems, findItem, moveItem } from './item-store';
import type { Publishers } from './publishers';
import { PublishError } from './publishers/types';
import { readWaitUntil, writeWaitUntil } from './wait-state';

export const MAX_ATTEMPTS = 5;
// A claim older than this is from a run that died mid-call; the next run may take it over.
const STALE_CLAIM_MS = 10 * 60_000;
const BATCH = 50;

export interface PublishSummary {
  published: { id: string; channel: ContentChannel; remoteIds: string[]; dryRun: boolean }[];
  failed: { id: string; channel: ContentChannel; error: string }[];
  /** Channels that asked us to wait (X's 429), with until when. */
  waiting: { channel: ContentChannel; until: string }[];
  skipped: number;
}

/**
 * Claims the item's publication row: a new row, or a failed / abandoned one. Returns undefined
 * when another run holds it or it was already sent, which is what makes publishing idempotent.
 */
async function claim(db: D1Db, item: ContentItemRow, dryRun: boolean, now: number) {
  const inserted = await db
    .insert(contentPublications)
    .values({ itemId: item.id, channel: item.channel, state: 'sending', remoteIds: [], dryRun, claimedAt: now })
    .onConflictDoNothing()
    .returning()
    .get();
  if (inserted) return inserted;
  return db
    .update(contentPublications)
    .set({ state: 'sending', claimedAt: now, dryRun, error: null })
    .where(
      and(
        eq(contentPublications.itemId, item.id),
        or(
          eq(contentPublications.state, 'failed'),
          and(eq(contentPublications.state, 'sending'), lt(contentPublications.claimedAt, now - STALE_CLAIM_MS)),
        ),
      ),
    )
    .returning()
    .get();
}

async function finish(db: D1Db, itemId: string, patch: Partial<ContentPublicationRow>) {
  await db.update(contentPublications).set(patch).where(eq(contentPublications.itemId, itemId));
}

/** Publishes every item whose slot has come (and retries failed ones), each at most once per channel. */
export async function publishDue(db: D1Db, publishers: Publishers, now: () => number): Promise<PublishSummary> {
  const summary: PublishSummary = { published: [], failed: [], waiting: [], skipped: 0 };
  const waits = new Map<ContentChannel, number>();
  for (const item of await dueItems(db, now(), MAX_ATTEMPTS, BATCH)) {
    const publisher = publishers[item.channel];
    const until = waits.get(item.channel) ?? (await readWaitUntil(db, item.channel));
    waits.set(item.channel, until);
    if (publisher.live && until > now()) {
      summary.skipped += 1;
      continue;
    }
    const claimed = await claim(db, item, !publisher.live, now());
    if (!claimed) {
      await repairSent(db, item, now());
      summary.skipped += 1;
      continue;
    }
    try {
      const result = await publisher.publish(item, claimed.remoteIds);
      const at = now();
      await finish(db, item.id, {
        state: 'sent',
        remoteIds: result.remoteIds,
        url: result.url ?? null,
        dryRun: result.dryRun,
        finishedAt: at,
      });
      await moveItem(db, item, 'published', {
        actor: null,
        now: at,
        patch: { publishedAt: at, attempts: item.attempts + 1, lastError: null },
        note: { remoteIds: result.remoteIds, dryRun: result.dryRun },
      });
      summary.published.push({
        id: item.id,
        channel: item.channel,
        remoteIds: result.remoteIds,
        dryRun: result.dryRun,
      });
    } catch (error) {
      const failure = error instanceof PublishError ? error : new PublishError(String(error));
      const at = now();
      await finish(db, item.id, { state: 'failed', remoteIds: failure.done, error: failure.message, finishedAt: at });
      // Waiting out a rate limit is not the item's fault, so it does not use up an attempt.
      const attempts = failure.waitUntil ? item.attempts : item.attempts + 1;
      await moveItem(db, item, 'failed', {
        actor: null,
        now: at,
        patch: { attempts, lastError: failure.message.slice(0, 1_000) },
        note: { error: failure.message.slice(0, 300), done: failure.done.length },
      });
      summary.failed.push({ id: item.id, channel: item.channel, error: failure.message });
      if (failure.waitUntil) {
        waits.set(item.channel, failure.waitUntil);
        await writeWaitUntil(db, item.channel, failure.waitUntil, at);
        summary.waiting.push({ channel: item.channel, until: new Date(failure.waitUntil).toISOString() });
      }
    }
  }
  return summary;
}

/** A run that sent but died before marking the item: the publication row says sent, so say published. */
async function repairSent(db: D1Db, item: ContentItemRow, now: number) {
  const row = await db.select().from(contentPublications).where(eq(contentPublications.itemId, item.id)).get();
  if (row?.state !== 'sent') return;
  const current = (await findItem(db, item.id)) ?? item;
  await moveItem(db, current, 'published', {
    actor: null,
    now,
    patch: { publishedAt: row.finishedAt ?? now },
    note: { repaired: true },
  });
}
