import { RedditAuthError, RedditClient } from '../channels/reddit/client';
import type { LinkedinSettings } from '../config/channel-settings';
import type { Config } from '../config/config';
import { FAKE_HEADER } from '../llm/providers/endpoints';
import type { ReadRefusal } from '../social/read-access';
import type { HealthCheck, ProbeOutcome } from './health';

// One check per content channel: not_configured without credentials (its items are dry runs),
// otherwise whether its credentials will still work. A credential that is about to lapse is
// degraded, so the health check's alert reaches the owner while there is time to renew it.

/** A LinkedIn token this close to its expiry is a warning. */
export const TOKEN_WARNING_DAYS = 7;
const DAY_MS = 86_400_000;

const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);
const RENEW = 'renew it in the LinkedIn developer portal and set LINKEDIN_ACCESS_TOKEN and LINKEDIN_TOKEN_EXPIRES_AT';

export function linkedinTokenOutcome(settings: LinkedinSettings, now: number): ProbeOutcome {
  const { expiresAt } = settings;
  if (expiresAt === undefined)
    return { detail: 'token expiry unknown: set LINKEDIN_TOKEN_EXPIRES_AT to be warned before it lapses' };
  if (expiresAt <= now) throw new Error(`the access token expired on ${isoDay(expiresAt)}: ${RENEW}`);
  const days = Math.ceil((expiresAt - now) / DAY_MS);
  if (days > TOKEN_WARNING_DAYS) return { detail: `access token valid until ${isoDay(expiresAt)}` };
  return {
    degraded: true,
    detail: `the access token expires on ${isoDay(expiresAt)} (in ${days} day${days === 1 ? '' : 's'}): ${RENEW}`,
  };
}

/** Get Webhook with Token needs no other credential and posts nothing. */
async function discordOutcome(webhookUrl: string, signal: AbortSignal): Promise<ProbeOutcome> {
  const response = await fetch(webhookUrl, { signal });
  await response.body?.cancel();
  if (response.status === 404 || response.status === 401)
    throw new Error(`Discord does not know the webhook (${response.status}): set DISCORD_WEBHOOK_URL to a live one`);
  if (!response.ok) throw new Error(`Discord answered ${response.status}`);
  return response.headers.has(FAKE_HEADER) ? { fake: true, detail: 'local fake Discord' } : {};
}

/** A token from Reddit proves the app and account; it is cached, so this costs a call a day. */
async function redditOutcome(client: RedditClient, subreddit: string): Promise<ProbeOutcome> {
  try {
    await client.token();
  } catch (error) {
    if (error instanceof RedditAuthError)
      throw new Error(
        `${error.message}: check REDDIT_CLIENT_ID, REDDIT_CLIENT_SECRET and the password or refresh token`,
      );
    throw error;
  }
  return { detail: `posts to r/${subreddit}` };
}

const configured = (detail: string) => async (): Promise<ProbeOutcome> => ({ detail });

/** Posting works on every plan; reading mentions (the lead machine) needs one with read access. */
async function xOutcome(readRefusal?: () => Promise<ReadRefusal | undefined>): Promise<ProbeOutcome> {
  const refusal = await readRefusal?.();
  if (!refusal) return { detail: 'token set; checked when it posts' };
  return {
    degraded: true,
    detail: `X refused reading mentions on ${isoDay(refusal.at)} (${refusal.message}): posting works, but no lead comes in until the plan includes read access`,
  };
}

export interface ChannelProbePorts {
  /** The last time X refused the mentions read with 403, cleared by a read that worked. */
  xReadRefusal?: () => Promise<ReadRefusal | undefined>;
  now?: () => number;
}

export function channelChecks(config: Config, ports: ChannelProbePorts = {}): HealthCheck[] {
  const now = ports.now ?? Date.now;
  const { content, email } = config;
  const { linkedin, discord, reddit } = content;
  const check = (name: string, probe: HealthCheck['probe']): HealthCheck => ({
    name: `channel:${name}`,
    core: false,
    probe,
  });
  return [
    check('x', content.x ? () => xOutcome(ports.xReadRefusal) : undefined),
    check('linkedin', linkedin ? async () => linkedinTokenOutcome(linkedin, now()) : undefined),
    check('blog', content.blog ? configured('webhook set; checked when it posts') : undefined),
    check(
      'newsletter',
      email.provider && email.apiKey && content.newsletterTo.length > 0
        ? configured(`${content.newsletterTo.length} recipient(s) through ${email.provider}`)
        : undefined,
    ),
    check('discord', discord ? (signal) => discordOutcome(discord.webhookUrl, signal) : undefined),
    check('reddit', reddit ? () => redditOutcome(new RedditClient(reddit), reddit.subreddit) : undefined),
  ];
}
