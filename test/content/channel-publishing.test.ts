import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { publishDue } from '../../src/content/publish';
import { buildPublishers } from '../../src/content/publishers';
import * as d1Schema from '../../src/db/d1-schema';
import { uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { REDDIT_APP } from '../setup/channel-credentials';
import { api, approve, type Item, newIdea } from './content-helpers';

// LinkedIn, Discord and Reddit through the real publish path (approve → scheduled → publish)
// against fakes that check what the real APIs check.

const db = drizzle(env.DB, { schema: d1Schema });
const config = loadConfig(env);
const live = () => buildPublishers(config.content, config.email);
const now = () => Date.now();

const logOf = async <T>(base: string, path: string) => (await (await fetch(`${base}${path}`)).json()) as T[];
const linkedinPosts = async (marker: string) =>
  (
    await logOf<{ id: string; commentary: string; author: string; version: string }>(
      env.FAKE_LINKEDIN_URL,
      '/__fake/posts',
    )
  ).filter((post) => post.commentary.includes(marker));
const discordMessages = async (marker: string) =>
  (
    await logOf<{ id: string; content: string; allowedMentions: unknown }>(env.FAKE_DISCORD_URL, '/__fake/messages')
  ).filter((message) => message.content.includes(marker));
const redditPosts = async (marker: string) =>
  (
    await logOf<{ name: string; title: string; text: string; subreddit: string; userAgent: string }>(
      env.FAKE_REDDIT_URL,
      '/__fake/posts',
    )
  ).filter((post) => post.title.includes(marker));
const fault = (base: string, spec: Record<string, unknown>) =>
  fetch(`${base}/__fake/faults`, { method: 'POST', body: JSON.stringify(spec) });
const item = async (id: string) => (await (await api(`/api/content/items/${id}`, ownerKey)).json()) as Item;

/** An approved item of one channel whose slot has come. */
async function dueItem(variants: Record<string, unknown>): Promise<Item> {
  const idea = await newIdea(ownerKey, { topic: uniqueMarker('chan'), variants });
  const approved = await approve(ownerKey, idea.items[0]?.id ?? '');
  expect(approved.status).toBe('scheduled');
  await env.DB.prepare('update content_items set scheduled_at = ? where id = ?')
    .bind(Date.now() - 1_000, approved.id)
    .run();
  return approved;
}

describe('happy', () => {
  it('posts to LinkedIn with the versioned headers, escaping the little-format characters', async () => {
    const marker = uniqueMarker('li');
    const text = `Three steps (not five) for ${marker}: audit_first, then automate. #automation #Übung # done`;
    const due = await dueItem({ linkedin: { text } });
    const summary = await publishDue(db, live(), now);
    expect(summary.published.find((entry) => entry.id === due.id)).toMatchObject({ dryRun: false });
    const [post] = await linkedinPosts(marker);
    expect(post).toMatchObject({ author: 'urn:li:person:8675309', version: '202605' });
    expect(post?.commentary).toBe(
      `Three steps \\(not five\\) for ${marker.replace(/_/g, '\\_')}: audit\\_first, then automate. #automation #Übung \\# done`,
    );
    const after = await item(due.id);
    expect(after.status).toBe('published');
    expect(after.publication).toMatchObject({ state: 'sent', dryRun: false, remoteIds: [post?.id] });
    expect(after.publication?.url).toBe(`https://www.linkedin.com/feed/update/${post?.id}/`);
    await publishDue(db, live(), now);
    expect(await linkedinPosts(marker)).toHaveLength(1);
  });

  it('posts to Discord through the webhook with wait=true and records the message id', async () => {
    const marker = uniqueMarker('dc');
    const due = await dueItem({ discord: { text: `New post ${marker} @everyone` } });
    await publishDue(db, live(), now);
    const [message] = await discordMessages(marker);
    expect(message?.allowedMentions).toEqual({ parse: [] });
    const after = await item(due.id);
    expect(after).toMatchObject({ status: 'published' });
    expect(after.publication).toMatchObject({ dryRun: false, remoteIds: [message?.id] });
    expect(after.publication?.url).toBeNull();
  });

  it('submits a Reddit self post with a descriptive User-Agent, fetching a token once for several posts', async () => {
    const grants = async () =>
      ((await (await fetch(`${env.FAKE_REDDIT_URL}/__fake/grants`)).json()) as { grants: number }).grants;
    const markers = [uniqueMarker('rd'), uniqueMarker('rd')];
    const due = await Promise.all(
      markers.map((marker) => dueItem({ reddit: { title: `What paid off first? ${marker}`, text: 'Tell us.' } })),
    );
    const before = await grants();
    await publishDue(db, live(), now);
    expect((await grants()) - before).toBeLessThanOrEqual(1);
    for (const [index, marker] of markers.entries()) {
      const [post] = await redditPosts(marker);
      expect(post).toMatchObject({ subreddit: REDDIT_APP.subreddit, text: 'Tell us.' });
      expect(post?.userAgent).toMatch(/^cloudflare-workers:ai-empire:.+ \(by \/u\/empire_test_bot\)$/);
      const after = await item(due[index]?.id ?? '');
      expect(after.publication).toMatchObject({ dryRun: false, remoteIds: [post?.name] });
      expect(after.publication?.url).toMatch(/^https:\/\/www\.reddit\.com\/r\/empire_test\/comments\//);
    }
  });

  it('records the new channels as labelled dry runs without credentials, sending nothing', async () => {
    const marker = uniqueMarker('dry');
    const items = [
      await dueItem({ linkedin: { text: `Dry ${marker}` } }),
      await dueItem({ discord: { text: `Dry ${marker}` } }),
      await dueItem({ reddit: { title: `Dry ${marker}`, text: 'Body' } }),
    ];
    const content = { ...config.content, linkedin: undefined, discord: undefined, reddit: undefined };
    const dry = buildPublishers(content, config.email);
    expect([dry.linkedin.live, dry.discord.live, dry.reddit.live]).toEqual([false, false, false]);
    await publishDue(db, dry, now);
    for (const due of items) {
      expect((await item(due.id)).publication).toMatchObject({ state: 'sent', dryRun: true, remoteIds: [] });
    }
    expect(await linkedinPosts(marker)).toEqual([]);
    expect(await discordMessages(marker)).toEqual([]);
    expect(await redditPosts(marker)).toEqual([]);
  });
});

describe('security', () => {
  it('sends LinkedIn the configured token and version: a wrong token or a sunset version posts nothing', async () => {
    const marker = uniqueMarker('liauth');
    const due = await dueItem({ linkedin: { text: `Auth ${marker}` } });
    const linkedin = config.content.linkedin;
    if (!linkedin) throw new Error('the suite configures LinkedIn');
    const wrong = buildPublishers({ ...config.content, linkedin: { ...linkedin, token: 'stolen' } }, config.email);
    await publishDue(db, wrong, now);
    expect((await item(due.id)).lastError).toMatch(/LinkedIn refused the access token \(401: Invalid access token\)/);
    const sunset = buildPublishers({ ...config.content, linkedin: { ...linkedin, version: '202301' } }, config.email);
    await publishDue(db, sunset, now);
    expect((await item(due.id)).lastError).toBe('LinkedIn refused (426): Requested version 202301 is not active');
    expect(await linkedinPosts(marker)).toEqual([]);
  });

  it('reports wrong Reddit credentials without posting', async () => {
    const marker = uniqueMarker('rdauth');
    const due = await dueItem({ reddit: { title: `Auth ${marker}`, text: 'Body' } });
    const reddit = config.content.reddit;
    if (!reddit) throw new Error('the suite configures Reddit');
    const wrong = { ...reddit, username: 'someone_else', grant: { username: 'someone_else', password: 'guess' } };
    await publishDue(db, buildPublishers({ ...config.content, reddit: wrong }, config.email), now);
    expect((await item(due.id)).lastError).toBe("Reddit refused the app's credentials (invalid_grant)");
    expect(await redditPosts(marker)).toEqual([]);
  });
});

describe('errors', () => {
  it('waits out a Discord 429 for its retry_after without using up an attempt', async () => {
    const marker = uniqueMarker('dclimit');
    const due = await dueItem({ discord: { text: `Limited ${marker}` } });
    await fault(env.FAKE_DISCORD_URL, { status: 429, contains: marker, retryAfter: 2.5 });
    const started = Date.now();
    const first = await publishDue(db, live(), now);
    const until = Date.parse(first.waiting.find((entry) => entry.channel === 'discord')?.until ?? '');
    expect(until - started).toBeGreaterThanOrEqual(2_500);
    expect(until - started).toBeLessThan(10_000);
    expect(await item(due.id)).toMatchObject({
      status: 'failed',
      attempts: 0,
      lastError: 'Discord rate limit reached',
    });
    expect((await publishDue(db, live(), now)).skipped).toBeGreaterThanOrEqual(1);
    await publishDue(db, live(), () => until + 1_000);
    expect(await discordMessages(marker)).toHaveLength(1);
    expect((await item(due.id)).status).toBe('published');
  });

  it('fails a LinkedIn post whose token expired with a message that says to renew it', async () => {
    const marker = uniqueMarker('expired');
    const due = await dueItem({ linkedin: { text: `Expired ${marker}` } });
    await fetch(`${env.FAKE_LINKEDIN_URL}/__fake/token`, { method: 'POST', body: JSON.stringify({ expired: true }) });
    try {
      await publishDue(db, live(), now);
    } finally {
      await fetch(`${env.FAKE_LINKEDIN_URL}/__fake/token`, {
        method: 'POST',
        body: JSON.stringify({ expired: false }),
      });
    }
    const failed = await item(due.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(
      /^LinkedIn refused the access token \(401: The token used in the request has expired\); renew it/,
    );
    expect(await linkedinPosts(marker)).toEqual([]);
  });

  it('fetches a new Reddit token when the cached one is refused', async () => {
    const marker = uniqueMarker('revoked');
    const due = await dueItem({ reddit: { title: `Revoked ${marker}`, text: 'Body' } });
    await fetch(`${env.FAKE_REDDIT_URL}/__fake/revoke`, { method: 'POST' });
    await publishDue(db, live(), now);
    expect((await item(due.id)).lastError).toMatch(/Reddit refused the access token \(401\)/);
    await publishDue(db, live(), now);
    expect((await item(due.id)).status).toBe('published');
    expect(await redditPosts(marker)).toHaveLength(1);
  });

  // Last: the waits it stores hold for the rest of the file.
  it('turns a Reddit RATELIMIT error into a wait and a LinkedIn 429 into a wait', async () => {
    const marker = uniqueMarker('limits');
    const reddit = await dueItem({ reddit: { title: `Limited ${marker}`, text: 'Body' } });
    const linkedin = await dueItem({ linkedin: { text: `Limited ${marker}` } });
    await fault(env.FAKE_REDDIT_URL, { status: 200, contains: marker });
    await fault(env.FAKE_LINKEDIN_URL, { status: 429, contains: marker });
    const summary = await publishDue(db, live(), now);
    const waits = Object.fromEntries(
      summary.waiting.map((entry) => [entry.channel, Date.parse(entry.until) - Date.now()]),
    );
    // The sample says "Take a break for 9 minutes"; LinkedIn sends no Retry-After, so an hour.
    expect(waits.reddit).toBeGreaterThan(8 * 60_000);
    expect(waits.reddit).toBeLessThanOrEqual(9 * 60_000);
    expect(waits.linkedin).toBeGreaterThan(59 * 60_000);
    expect((await item(reddit.id)).lastError).toMatch(/Reddit rate limit reached/);
    expect((await item(linkedin.id)).attempts).toBe(0);
    // Storage is shared with other files: their runs must not wait on these.
    await env.DB.prepare("delete from social_state where key in ('wait:linkedin', 'wait:reddit')").run();
  });
});
