import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { createXClient } from '../../src/channels/x/client';
import * as d1Schema from '../../src/db/d1-schema';
import { readMentions } from '../../src/social/mentions';
import { app } from '../../workers/app';
import { fireTick, ownerMessages, runsOf, stepsOf } from '../workflows/helpers';

// Each content channel in /api/health, and the health check's alert when a credential is about
// to lapse: the suite configures every channel against its fake.

interface Check {
  name: string;
  status: string;
  detail?: string;
  fake?: boolean;
}

const CHANNELS = [
  'channel:blog',
  'channel:discord',
  'channel:linkedin',
  'channel:newsletter',
  'channel:reddit',
  'channel:x',
];
const DAY = 86_400_000;
const dayFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const withVars = (vars: Record<string, string>) => ({ ...env, ...vars }) as Env;

async function channelsWith(vars: Record<string, string> = {}) {
  const ctx = createExecutionContext();
  const response = await app.request('/api/health', {}, withVars(vars), ctx);
  await waitOnExecutionContext(ctx);
  const report = (await response.json()) as { status: string; checks: Check[] };
  const checks = Object.fromEntries(
    report.checks.filter((check) => check.name.startsWith('channel:')).map((check) => [check.name, check]),
  );
  return { status: report.status, checks };
}

describe('happy', () => {
  it('reports every configured channel ok, saying what it checked', async () => {
    const { status, checks } = await channelsWith();
    expect(Object.keys(checks).sort()).toEqual(CHANNELS);
    for (const name of CHANNELS) expect(checks[name]?.status).toBe('ok');
    expect(checks['channel:discord']).toMatchObject({ fake: true });
    expect(checks['channel:reddit']?.detail).toBe('posts to r/empire_test');
    expect(checks['channel:linkedin']?.detail).toMatch(/^token expiry unknown: set LINKEDIN_TOKEN_EXPIRES_AT/);
    expect(checks['channel:newsletter']?.detail).toBe('1 recipient(s) through resend');
    expect(status).toBe('ok');
    const later = await channelsWith({ LINKEDIN_TOKEN_EXPIRES_AT: dayFromNow(30) });
    expect(later.checks['channel:linkedin']).toMatchObject({
      status: 'ok',
      detail: `access token valid until ${dayFromNow(30)}`,
    });
  });

  it('shows a channel without credentials as not configured', async () => {
    const { status, checks } = await channelsWith({
      X_USER_TOKEN: '',
      LINKEDIN_ACCESS_TOKEN: '',
      BLOG_WEBHOOK_URL: '',
      NEWSLETTER_TO: '',
      DISCORD_WEBHOOK_URL: '',
      REDDIT_CLIENT_ID: '',
    });
    for (const name of CHANNELS) expect(checks[name]?.status).toBe('not_configured');
    expect(status).toBe('ok');
  });
});

describe('errors', () => {
  it('warns in the week before the LinkedIn token expires, and fails once it has', async () => {
    const soon = await channelsWith({ LINKEDIN_TOKEN_EXPIRES_AT: dayFromNow(3) });
    expect(soon.checks['channel:linkedin']).toMatchObject({ status: 'degraded' });
    expect(soon.checks['channel:linkedin']?.detail).toMatch(
      new RegExp(`^the access token expires on ${dayFromNow(3)} \\(in [34] days\\): renew it`),
    );
    expect(soon.status).toBe('degraded');
    const gone = await channelsWith({ LINKEDIN_TOKEN_EXPIRES_AT: dayFromNow(-1) });
    expect(gone.checks['channel:linkedin']).toMatchObject({
      status: 'down',
      detail: expect.stringMatching(new RegExp(`^the access token expired on ${dayFromNow(-1)}: renew it`)),
    });
  });

  it('fails Reddit when Reddit refuses the app, and Discord when the webhook is gone', async () => {
    const { checks } = await channelsWith({
      REDDIT_CLIENT_SECRET: 'not-the-apps-secret',
      DISCORD_WEBHOOK_URL: env.DISCORD_WEBHOOK_URL.replace(/\/[\w-]+$/, '/deleted-token'),
    });
    expect(checks['channel:reddit']).toMatchObject({ status: 'down' });
    expect(checks['channel:reddit']?.detail).toMatch(/^Reddit refused the app's credentials \(Unauthorized\): check/);
    expect(checks['channel:discord']).toMatchObject({ status: 'down' });
    expect(checks['channel:discord']?.detail).toMatch(/^Discord does not know the webhook \(404\)/);
  });

  it('shows an X plan without read access: posting works, mentions are refused', async () => {
    const db = drizzle(env.DB, { schema: d1Schema });
    const client = createXClient({ apiUrl: env.FAKE_X_URL, token: 'test-x-user-token' });
    // A user id of this test's own, so the queued refusal meets no other file's read.
    const userId = '1700000000000000977';
    await fetch(`${env.FAKE_X_URL}/__fake/faults`, {
      method: 'POST',
      body: JSON.stringify({ contains: `/2/users/${userId}/mentions`, status: 403 }),
    });
    await expect(readMentions(db, client, userId, Date.now())).rejects.toThrow(/X refused \(403\)/);
    const refused = await channelsWith();
    expect(refused.checks['channel:x']).toMatchObject({ status: 'degraded' });
    expect(refused.checks['channel:x']?.detail).toMatch(
      /^X refused reading mentions on .*no lead comes in until the plan includes read access$/,
    );
    await readMentions(db, client, userId, Date.now());
    expect((await channelsWith()).checks['channel:x']).toMatchObject({ status: 'ok' });
  });

  it('alerts the owner through the health check when the LinkedIn token is about to lapse, once an hour', async () => {
    const vars = withVars({ LINKEDIN_TOKEN_EXPIRES_AT: dayFromNow(2) });
    const ticks = [Date.UTC(2026, 4, 2, 9, 0), Date.UTC(2026, 4, 2, 9, 5)];
    for (const tick of ticks) await fireTick('*/5 * * * *', tick, { env: vars });
    const runs = (await runsOf('health_check')).filter((run) => ticks.includes(run.tick ?? 0));
    const deliveries = ticks.map((tick) => {
      const report = stepsOf(runs.find((run) => run.tick === tick)).find((step) => step.name === 'report');
      return (report?.output as { delivery?: string } | undefined)?.delivery;
    });
    expect(deliveries).toEqual(['sent', 'repeat']);
    const [alert, ...more] = await ownerMessages('channel:linkedin is degraded');
    expect(more).toEqual([]);
    expect(alert).toContain(`- channel:linkedin is degraded (the access token expires on ${dayFromNow(2)}`);
  });
});
