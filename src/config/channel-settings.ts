import { z } from 'zod';

// Credentials of the social channels past X and the blog. A channel without them is
// not_configured: its items are published as labelled dry runs.

const blank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** Spread into the environment schema. */
export const channelVariables = {
  LINKEDIN_ACCESS_TOKEN: blank(z.string().min(1)),
  LINKEDIN_AUTHOR_URN: blank(
    z
      .string()
      .regex(/^urn:li:(person|organization):[\w-]{1,64}$/, 'must be urn:li:person:<id> or urn:li:organization:<id>'),
  ),
  LINKEDIN_TOKEN_EXPIRES_AT: blank(z.iso.date({ error: 'must be a date such as 2027-02-28' })),
  LINKEDIN_VERSION: blank(z.string().regex(/^\d{6}$/, 'must be a LinkedIn version YYYYMM such as 202605')),
  LINKEDIN_API_URL: blank(httpUrl),
  DISCORD_WEBHOOK_URL: blank(
    httpUrl.refine(
      (url) => /^\/api\/webhooks\/\d+\/[\w-]+$/.test(new URL(url).pathname),
      'must be a Discord webhook URL such as https://discord.com/api/webhooks/<id>/<token>',
    ),
  ),
  REDDIT_CLIENT_ID: blank(z.string().regex(/^[\w-]{10,40}$/, 'must be the id of a Reddit script app')),
  REDDIT_CLIENT_SECRET: blank(z.string().min(10)),
  REDDIT_USERNAME: blank(z.string().regex(/^[\w-]{3,20}$/, 'must be a Reddit username without u/')),
  REDDIT_PASSWORD: blank(z.string().min(1)),
  REDDIT_REFRESH_TOKEN: blank(z.string().min(10)),
  REDDIT_SUBREDDIT: blank(z.string().regex(/^\w{3,21}$/, 'must be a subreddit name without r/')),
  REDDIT_AUTH_URL: blank(httpUrl),
  REDDIT_API_URL: blank(httpUrl),
};

type Vars = z.output<z.ZodObject<typeof channelVariables>> & { APP_VERSION: string };
type Fail = (name: string, problem: string) => never;

/** The version the adapter was written against; LinkedIn keeps a version for a year. */
export const LINKEDIN_DEFAULT_VERSION = '202605';

export interface LinkedinSettings {
  token: string;
  authorUrn: string;
  /** Epoch ms the token stops working (LINKEDIN_TOKEN_EXPIRES_AT, end of that UTC day); unknown when unset. */
  expiresAt?: number;
  version: string;
  apiUrl: string;
}

export interface RedditSettings {
  clientId: string;
  clientSecret: string;
  /** A password grant for a script app, or a refresh token from the code flow. */
  grant: { username: string; password: string } | { refreshToken: string };
  username: string;
  subreddit: string;
  userAgent: string;
  authUrl: string;
  apiUrl: string;
}

export interface ChannelSettings {
  linkedin?: LinkedinSettings;
  discord?: { webhookUrl: string };
  reddit?: RedditSettings;
}

const DAY_END_MS = 86_400_000 - 1;

function linkedinSettings(vars: Vars, fail: Fail): LinkedinSettings | undefined {
  if (!vars.LINKEDIN_ACCESS_TOKEN) return undefined;
  if (!vars.LINKEDIN_AUTHOR_URN)
    fail('LINKEDIN_AUTHOR_URN', 'must be set with LINKEDIN_ACCESS_TOKEN: posts need an author');
  return {
    token: vars.LINKEDIN_ACCESS_TOKEN,
    authorUrn: vars.LINKEDIN_AUTHOR_URN,
    expiresAt: vars.LINKEDIN_TOKEN_EXPIRES_AT ? Date.parse(vars.LINKEDIN_TOKEN_EXPIRES_AT) + DAY_END_MS : undefined,
    version: vars.LINKEDIN_VERSION ?? LINKEDIN_DEFAULT_VERSION,
    apiUrl: vars.LINKEDIN_API_URL ?? 'https://api.linkedin.com',
  };
}

const REDDIT_NEEDS = ['REDDIT_CLIENT_SECRET', 'REDDIT_USERNAME', 'REDDIT_SUBREDDIT'] as const;

function redditSettings(vars: Vars, fail: Fail): RedditSettings | undefined {
  if (!vars.REDDIT_CLIENT_ID) return undefined;
  for (const name of REDDIT_NEEDS) if (!vars[name]) fail(name, 'must be set with REDDIT_CLIENT_ID');
  const { REDDIT_CLIENT_SECRET: secret, REDDIT_USERNAME: username, REDDIT_SUBREDDIT: subreddit } = vars;
  if (!secret || !username || !subreddit) return undefined;
  const grant = vars.REDDIT_REFRESH_TOKEN
    ? { refreshToken: vars.REDDIT_REFRESH_TOKEN }
    : vars.REDDIT_PASSWORD
      ? { username, password: vars.REDDIT_PASSWORD }
      : fail('REDDIT_PASSWORD', 'or REDDIT_REFRESH_TOKEN must be set with REDDIT_CLIENT_ID');
  return {
    clientId: vars.REDDIT_CLIENT_ID,
    clientSecret: secret,
    grant,
    username,
    subreddit,
    // Reddit throttles generic agents; it asks for <platform>:<app id>:<version> (by /u/<username>).
    userAgent: `cloudflare-workers:ai-empire:${vars.APP_VERSION} (by /u/${username})`,
    authUrl: vars.REDDIT_AUTH_URL ?? 'https://www.reddit.com',
    apiUrl: vars.REDDIT_API_URL ?? 'https://oauth.reddit.com',
  };
}

export function channelSettings(vars: Vars, fail: Fail): ChannelSettings {
  return {
    linkedin: linkedinSettings(vars, fail),
    discord: vars.DISCORD_WEBHOOK_URL ? { webhookUrl: vars.DISCORD_WEBHOOK_URL } : undefined,
    reddit: redditSettings(vars, fail),
  };
}
