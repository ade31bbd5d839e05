import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { createXClient } from '../../src/channels/x/client';
import { loadConfig } from '../../src/config/config';
import { publishDue } from '../../src/content/publish';
import { buildPublishers } from '../../src/content/publishers';
import * as d1Schema from '../../src/db/d1-schema';
import { readXMetrics } from '../../src/engagement/x-readback';
import { api, approve, newIdea } from '../content/content-helpers';
import { uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { fireTick, runsOf, stepsOf } from './helpers';

interface Engagement {
  format: string | null;
  postedAt: string | null;
  metricsReadAt: string | null;
  impressions: number;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number;
  snapshots: { readAt: string; posts: number; impressions: number }[];
}

const db = drizzle(env.DB, { schema: d1Schema });
const config = loadConfig(env);

/** An X item published now: live through the fake X, or as a dry run. */
async function publishedX(text: string, live = true): Promise<{ id: string; postIds: string[] }> {
  const idea = await newIdea(ownerKey, { topic: uniqueMarker('metrics'), variants: { x: { text } } });
  const item = await approve(ownerKey, idea.items[0]?.id ?? '');
  await env.DB.prepare('update content_items set scheduled_at = ? where id = ?')
    .bind(Date.now() - 1_000, item.id)
    .run();
  const content = live ? config.content : { ...config.content, x: undefined };
  const summary = await publishDue(db, buildPublishers(content, config.email), () => Date.now());
  const published = summary.published.find((entry) => entry.id === item.id);
  if (!published) throw new Error(`not published: ${JSON.stringify(summary)}`);
  return { id: item.id, postIds: published.remoteIds };
}

const setMetrics = (id: string, metrics: Record<string, number>) =>
  fetch(`${env.FAKE_X_URL}/__fake/metrics`, { method: 'POST', body: JSON.stringify({ id, public_metrics: metrics }) });

const engagementOf = async (id: string) =>
  (await (await api(`/api/content/items/${id}/engagement`, ownerKey)).json()) as Engagement;

const thread = (marker: string) =>
  Array.from({ length: 7 }, (_, i) => `Part ${i + 1} of ${marker} names one check that small firms skip today.`).join(
    ' ',
  );

describe('happy', () => {
  it('reads public_metrics of live X posts on its schedule, sums a thread, and skips dry runs', async () => {
    const marker = uniqueMarker('read');
    const live = await publishedX(thread(marker));
    expect(live.postIds.length).toBeGreaterThan(1);
    const dry = await publishedX(`Dry ${marker}.`, false);
    for (const [index, id] of live.postIds.entries())
      await setMetrics(id, {
        impression_count: 1000 + index,
        like_count: 10,
        retweet_count: 2,
        reply_count: 1,
        quote_count: 1,
        bookmark_count: 3,
      });
    const tick = Date.UTC(2026, 11, 3, 12, 30);
    await fireTick('30 */6 * * *', tick);
    const run = (await runsOf('engagement_readback')).find((entry) => entry.tick === tick);
    expect(run?.status).toBe('succeeded');
    expect(stepsOf(run)[0]?.output).toMatchObject({ read: 1, gone: 0, left: 0 });
    const posts = live.postIds.length;
    const shown = await engagementOf(live.id);
    expect(shown).toMatchObject({
      format: 'thread',
      impressions: 1000 * posts + (posts * (posts - 1)) / 2,
      likes: 10 * posts,
      reposts: 2 * posts,
      replies: posts,
      quotes: posts,
      bookmarks: 3 * posts,
    });
    expect(shown.metricsReadAt).not.toBeNull();
    expect(shown.snapshots).toHaveLength(1);
    expect(shown.snapshots[0]).toMatchObject({ posts });
    const skipped = await engagementOf(dry.id);
    expect(skipped).toMatchObject({ format: null, impressions: 0, snapshots: [] });

    // A second reading adds a snapshot and moves the totals to the newest figures.
    await setMetrics(live.postIds[0] ?? '', {
      impression_count: 5000,
      like_count: 10,
      retweet_count: 2,
      reply_count: 1,
      quote_count: 1,
      bookmark_count: 3,
    });
    await fireTick('30 */6 * * *', tick + 6 * 3_600_000);
    const again = await engagementOf(live.id);
    expect(again.snapshots).toHaveLength(2);
    expect(again.impressions).toBe(shown.impressions - 1000 + 5000);

    const summary = (await (await api('/api/content/engagement?groupBy=channel', ownerKey)).json()) as {
      groups: { key: string; subjects: number; impressions: number }[];
    };
    expect(summary.groups.find((group) => group.key === 'x')).toMatchObject({
      subjects: 1,
      impressions: again.impressions,
    });
    // The posting slot: the hour it went out on the schedule's clock (UTC in the tests).
    const slots = (await (await api('/api/content/engagement?groupBy=slot', ownerKey)).json()) as typeof summary;
    const hour = `${(again.postedAt ?? '').slice(11, 13)}:00`;
    expect(slots.groups.find((group) => group.key === hour)).toMatchObject({ impressions: again.impressions });
  });
});

describe('errors', () => {
  it('stops at a 429 without failing the run and reads every item on the next run', async () => {
    const first = await publishedX(`First ${uniqueMarker('limit')}.`);
    const second = await publishedX(`Second ${uniqueMarker('limit')}.`);
    if (!config.content.x) throw new Error('the tests configure X');
    const client = createXClient(config.content.x);
    await fetch(`${env.FAKE_X_URL}/__fake/faults`, {
      method: 'POST',
      body: JSON.stringify({ contains: '/2/tweets?ids=', status: 429, resetSeconds: 60 }),
    });
    const limited = await readXMetrics(db, client, 14, Date.now());
    expect(limited.rateLimitedUntil).toBeDefined();
    expect(limited.read).toBe(0);
    expect(limited.left).toBeGreaterThanOrEqual(2);
    const after = await readXMetrics(db, client, 14, Date.now());
    expect(after).toMatchObject({ gone: 0, left: 0 });
    expect(after.read).toBeGreaterThanOrEqual(2);
    expect((await engagementOf(first.id)).snapshots.length).toBeGreaterThan(0);
    expect((await engagementOf(second.id)).snapshots.length).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown item and refuses a window that ends before it starts', async () => {
    expect((await api(`/api/content/items/${crypto.randomUUID()}/engagement`, ownerKey)).status).toBe(404);
    const backwards = await api('/api/content/engagement?from=2026-12-07T00:00:00Z&to=2026-12-01T00:00:00Z', ownerKey);
    expect(backwards.status).toBe(400);
    expect((await api('/api/content/engagement?groupBy=mood', ownerKey)).status).toBe(400);
    expect((await api('/api/content/engagement', undefined)).status).toBe(401);
  });
});
