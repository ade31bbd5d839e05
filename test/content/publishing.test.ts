import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { publishedCounts } from '../../src/content/item-query';
import { publishDue } from '../../src/content/publish';
import { buildPublishers } from '../../src/content/publishers';
import * as d1Schema from '../../src/db/d1-schema';
import { uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { api, approve, type Item, newIdea } from './content-helpers';

interface XPostLog {
  id: string;
  text: string;
  in_reply_to?: string;
}

const db = drizzle(env.DB, { schema: d1Schema });
const config = loadConfig(env);
const live = () => buildPublishers(config.content, config.email);
const now = () => Date.now();

const xPosts = async (marker: string) =>
  ((await (await fetch(`${env.FAKE_X_URL}/__fake/posts`)).json()) as XPostLog[]).filter((post) =>
    post.text.includes(marker),
  );
const blogPosts = async (marker: string) =>
  (
    (await (await fetch(`${env.FAKE_BLOG_URL.replace(/\/webhook$/, '')}/__fake/posts`)).json()) as {
      id: string;
      title: string;
    }[]
  ).filter((post) => post.title.includes(marker));
const xFault = (spec: { contains: string; status: number; times?: number; resetSeconds?: number }) =>
  fetch(`${env.FAKE_X_URL}/__fake/faults`, { method: 'POST', body: JSON.stringify(spec) });
const item = async (id: string) => (await (await api(`/api/content/items/${id}`, ownerKey)).json()) as Item;

/** An approved item of one channel whose slot has come. */
async function dueItem(variants: Record<string, unknown>): Promise<Item> {
  const idea = await newIdea(ownerKey, { topic: uniqueMarker('pub'), variants });
  const approved = await approve(ownerKey, idea.items[0]?.id ?? '');
  await env.DB.prepare('update content_items set scheduled_at = ? where id = ?')
    .bind(Date.now() - 1_000, approved.id)
    .run();
  return approved;
}

const thread = (marker: string) =>
  Array.from(
    { length: 8 },
    (_, i) => `Part ${i + 1} of ${marker} explains one useful step for small firms today.`,
  ).join(' ');

describe('happy', () => {
  it('posts an X thread, each post a reply to the one before, and records the remote ids once', async () => {
    const marker = uniqueMarker('thread');
    const due = await dueItem({ x: { text: thread(marker) } });
    const summary = await publishDue(db, live(), now);
    expect(summary.published.find((entry) => entry.id === due.id)).toMatchObject({ dryRun: false });
    const posted = await xPosts(marker);
    const parts = due.body.posts as string[];
    expect(posted.map((post) => post.text)).toEqual(parts);
    posted.slice(1).forEach((post, i) => {
      expect(post.in_reply_to).toBe(posted[i]?.id);
    });
    const after = await item(due.id);
    expect(after.status).toBe('published');
    expect(after.publication).toMatchObject({ state: 'sent', dryRun: false, remoteIds: posted.map((post) => post.id) });
    expect(after.publication?.url).toContain(`/status/${posted[0]?.id}`);
    await publishDue(db, live(), now);
    expect(await xPosts(marker)).toHaveLength(parts.length);
  });

  it('posts a blog item through the signed webhook and a newsletter through the email adapter', async () => {
    const marker = uniqueMarker('blog');
    const blog = await dueItem({ blog: { title: `Post ${marker}`, markdown: '# Hello\n\nText with **bold**.' } });
    const letter = await dueItem({ newsletter: { subject: `Letter ${marker}`, markdown: 'Hello <script>x</script>' } });
    await publishDue(db, live(), now);
    const [received] = await blogPosts(marker);
    expect(received).toBeDefined();
    const published = await item(blog.id);
    expect(published.publication).toMatchObject({ dryRun: false, remoteIds: [received?.id] });
    expect(published.publication?.url).toBe(`https://blog.example.com/post-${marker}`);
    const messages = (await (await fetch(`${env.FAKE_EMAIL_URL}/__fake/messages`)).json()) as {
      id: string;
      to: string[];
      body: { subject: string; html: string };
    }[];
    const sent = messages.filter((message) => message.body.subject === `Letter ${marker}`);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toEqual(['readers@list.empire.test']);
    expect(sent[0]?.body.html).toContain('&lt;script&gt;');
    expect((await item(letter.id)).publication).toMatchObject({ dryRun: false, remoteIds: [sent[0]?.id] });
  });

  it('records a channel without credentials as a labelled dry run with no remote id', async () => {
    const marker = uniqueMarker('dry');
    const due = await dueItem({ x: { text: `Dry ${marker}.` } });
    const dry = buildPublishers({ ...config.content, x: undefined }, config.email);
    const summary = await publishDue(db, dry, now);
    expect(summary.published.find((entry) => entry.id === due.id)).toMatchObject({ dryRun: true, remoteIds: [] });
    expect((await item(due.id)).publication).toMatchObject({ state: 'sent', dryRun: true, remoteIds: [], url: null });
    expect(await xPosts(marker)).toEqual([]);
    const counts = await publishedCounts(db, Date.now() - 3_600_000, Date.now() + 1);
    expect(counts).toContainEqual({ channel: 'x', dryRun: true, published: 1 });
    const listed = (await (await api('/api/content/published', ownerKey)).json()) as {
      items: { id: string; dryRun: boolean }[];
    };
    expect(listed.items.find((entry) => entry.id === due.id)?.dryRun).toBe(true);
  });
});

describe('errors', () => {
  it('honours a 429 mid-thread: waits for x-rate-limit-reset, then continues without reposting', async () => {
    const marker = uniqueMarker('limit');
    const due = await dueItem({ x: { text: thread(marker) } });
    const parts = due.body.posts as string[];
    expect(parts.length).toBeGreaterThan(2);
    await xFault({ contains: (parts[1] ?? '').slice(0, 60), status: 429, resetSeconds: 2 });
    const first = await publishDue(db, live(), now);
    expect(first.waiting).toEqual([{ channel: 'x', until: expect.any(String) }]);
    const failed = await item(due.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 0 });
    expect(failed.lastError).toMatch(/rate limit/);
    expect(failed.publication?.remoteIds).toHaveLength(1);
    // Before the reset nothing is sent to X.
    const early = await publishDue(db, live(), now);
    expect(early.skipped).toBeGreaterThanOrEqual(1);
    expect(await xPosts(marker)).toHaveLength(1);
    const afterReset = () => Date.parse(first.waiting[0]?.until ?? '') + 1_000;
    await publishDue(db, live(), afterReset);
    const posted = await xPosts(marker);
    expect(posted.map((post) => post.text)).toEqual(parts);
    expect(posted[1]?.in_reply_to).toBe(posted[0]?.id);
    expect((await item(due.id)).status).toBe('published');
    // The stored wait holds for the rest of this file's tests until the real reset has passed.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, afterReset() - Date.now())));
  });

  it('marks a failed delivery failed with the error and retries it on the next run', async () => {
    const marker = uniqueMarker('blogfail');
    const due = await dueItem({ blog: { title: `Fail ${marker}`, markdown: 'Body' } });
    await fetch(`${env.FAKE_BLOG_URL.replace(/\/webhook$/, '')}/__fake/faults`, {
      method: 'POST',
      body: JSON.stringify({ status: 503, contains: marker }),
    });
    await publishDue(db, live(), now);
    const failed = await item(due.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/the blog refused \(503\)/);
    await publishDue(db, live(), now);
    expect((await item(due.id)).status).toBe('published');
    expect(await blogPosts(marker)).toHaveLength(1);
  });

  it('publishes an item once even when two runs race', async () => {
    const marker = uniqueMarker('race');
    const due = await dueItem({ x: { text: `Race ${marker}.` } });
    await Promise.all([publishDue(db, live(), now), publishDue(db, live(), now), publishDue(db, live(), now)]);
    expect(await xPosts(marker)).toHaveLength(1);
    expect((await item(due.id)).status).toBe('published');
  });
});

describe('security', () => {
  it('signs blog deliveries: a receiver with another secret refuses them', async () => {
    const marker = uniqueMarker('sig');
    const due = await dueItem({ blog: { title: `Sig ${marker}`, markdown: 'Body' } });
    const forged = buildPublishers(
      { ...config.content, blog: { url: env.FAKE_BLOG_URL, secret: 'not-the-receivers-secret' } },
      config.email,
    );
    await publishDue(db, forged, now);
    expect((await item(due.id)).lastError).toMatch(/\(401\)/);
    expect(await blogPosts(marker)).toEqual([]);
  });

  it('sends the configured X token; a wrong one fails the item and posts nothing', async () => {
    const marker = uniqueMarker('token');
    const due = await dueItem({ x: { text: `Token ${marker}.` } });
    const wrong = buildPublishers({ ...config.content, x: { apiUrl: env.FAKE_X_URL, token: 'stolen' } }, config.email);
    await publishDue(db, wrong, now);
    expect((await item(due.id)).lastError).toMatch(/X refused \(401\)/);
    expect(await xPosts(marker)).toEqual([]);
  });
});
