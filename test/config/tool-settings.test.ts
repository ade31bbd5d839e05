import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/config';

const base = { ...env } as unknown as Record<string, unknown>;
const blank = {
  WEB_SEARCH_API_KEY: '',
  WEB_SEARCH_URL: '',
  WEB_FETCH_ALLOW: '',
  WEB_FETCH_MAX_BYTES: '',
  WEB_FETCH_TIMEOUT_MS: '',
  TOOL_MAX_CALLS_PER_TURN: '',
  TOOL_MAX_BYTES: '',
  TOOL_MAX_SECONDS: '',
};

describe('happy', () => {
  it('leaves search off, fetches nothing and takes the default limits when the variables are blank', () => {
    const config = parseConfig({ ...base, ...blank });
    expect(config.tools).toEqual({
      search: undefined,
      fetch: { allow: [], loopbackAllowed: true, maxBytes: 1_000_000, timeoutMs: 10_000 },
      limits: { maxCallsPerTurn: 8, maxTotalBytes: 200_000, maxSeconds: 120 },
    });
  });

  it('uses Brave by default once a key is set, and reads the allow-list', () => {
    const config = parseConfig({
      ...base,
      ...blank,
      WEB_SEARCH_API_KEY: 'brave-key',
      WEB_FETCH_ALLOW: 'Example.com, *.docs.example ,[2001:db8::1]',
      TOOL_MAX_CALLS_PER_TURN: '3',
    });
    expect(config.tools.search).toEqual({ url: 'https://api.search.brave.com/res/v1/web/search', apiKey: 'brave-key' });
    expect(config.tools.fetch.allow).toEqual(['example.com', '*.docs.example', '[2001:db8::1]']);
    expect(config.tools.limits.maxCallsPerTurn).toBe(3);
  });

  it('allows loopback hosts in development only', () => {
    expect(
      parseConfig({ ...base, ...blank, ENVIRONMENT: 'staging', CORS_ORIGINS: 'https://a.example' }).tools.fetch
        .loopbackAllowed,
    ).toBe(false);
  });
});

describe('errors', () => {
  it.each([
    ['WEB_FETCH_ALLOW', 'https://example.com'],
    ['WEB_FETCH_ALLOW', 'example.com/path'],
    ['WEB_FETCH_ALLOW', 'example.com:8080'],
    ['WEB_SEARCH_URL', 'ftp://search.example'],
    ['WEB_FETCH_MAX_BYTES', '10'],
    ['WEB_FETCH_TIMEOUT_MS', 'soon'],
    ['TOOL_MAX_CALLS_PER_TURN', '0'],
    ['TOOL_MAX_CALLS_PER_TURN', '51'],
    ['TOOL_MAX_BYTES', '1.5'],
    ['TOOL_MAX_SECONDS', '901'],
  ])('names %s when it is %s', (name, value) => {
    let thrown: unknown;
    try {
      parseConfig({ ...base, [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variables.map((variable) => variable.name)).toContain(name);
  });
});
