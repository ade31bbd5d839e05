import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config';
import { baseEnv, problemsWith } from './config-problems';

const base = baseEnv;
const none = {
  LINKEDIN_ACCESS_TOKEN: '',
  LINKEDIN_AUTHOR_URN: '',
  DISCORD_WEBHOOK_URL: '',
  REDDIT_CLIENT_ID: '',
  REDDIT_CLIENT_SECRET: '',
  REDDIT_USERNAME: '',
  REDDIT_PASSWORD: '',
  REDDIT_SUBREDDIT: '',
};

describe('happy', () => {
  it('leaves a channel without credentials unset, so its items are dry runs', () => {
    const { content } = parseConfig({ ...base, ...none });
    expect([content.linkedin, content.discord, content.reddit]).toEqual([undefined, undefined, undefined]);
  });

  it('reads LinkedIn with its version, the end of its expiry day, and a Reddit refresh token', () => {
    const { content } = parseConfig({
      ...base,
      LINKEDIN_TOKEN_EXPIRES_AT: '2027-02-28',
      LINKEDIN_VERSION: '202601',
      REDDIT_PASSWORD: '',
      REDDIT_REFRESH_TOKEN: 'a-refresh-token-0123',
    });
    expect(content.linkedin).toMatchObject({
      authorUrn: 'urn:li:person:8675309',
      version: '202601',
      expiresAt: Date.parse('2027-02-28T23:59:59.999Z'),
    });
    expect(content.reddit?.grant).toEqual({ refreshToken: 'a-refresh-token-0123' });
    expect(parseConfig(base).content.linkedin?.version).toBe('202605');
  });
});

describe('errors', () => {
  it.each([
    [{ LINKEDIN_AUTHOR_URN: '' }, 'LINKEDIN_AUTHOR_URN'],
    [{ LINKEDIN_AUTHOR_URN: 'urn:li:company:1' }, 'LINKEDIN_AUTHOR_URN'],
    [{ LINKEDIN_TOKEN_EXPIRES_AT: 'next month' }, 'LINKEDIN_TOKEN_EXPIRES_AT'],
    [{ LINKEDIN_VERSION: '2025-11' }, 'LINKEDIN_VERSION'],
    [{ DISCORD_WEBHOOK_URL: 'https://discord.com/channels/1/2' }, 'DISCORD_WEBHOOK_URL'],
    [{ REDDIT_SUBREDDIT: '' }, 'REDDIT_SUBREDDIT'],
    [{ REDDIT_SUBREDDIT: 'r/test' }, 'REDDIT_SUBREDDIT'],
    [{ REDDIT_CLIENT_SECRET: '' }, 'REDDIT_CLIENT_SECRET'],
    [{ REDDIT_PASSWORD: '' }, 'REDDIT_PASSWORD'],
  ])('names the variable that is wrong or missing: %o', (overrides, variable) => {
    expect(problemsWith(overrides)).toEqual([variable]);
  });
});
