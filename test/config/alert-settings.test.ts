import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/config';

const base = {
  ...env,
  ALERT_EMAIL_TO: '',
  ALERT_WEBHOOK_URL: '',
  ALERT_WEBHOOK_SECRET: '',
} as unknown as Record<string, unknown>;
const SECRET = 'a'.repeat(32);

function problems(vars: Record<string, unknown>): { name: string; problem: string }[] {
  try {
    parseConfig({ ...base, ...vars });
  } catch (error) {
    if (error instanceof ConfigError) return error.variables;
    throw error;
  }
  return [];
}

describe('happy', () => {
  it('takes blank alert variables as not set, as .dev.vars.example leaves them', () => {
    expect(parseConfig(base).alerts).toEqual({ emailTo: undefined, webhook: undefined });
  });

  it('takes an address and a webhook with its secret', () => {
    const config = parseConfig({
      ...base,
      ALERT_EMAIL_TO: 'Ops <ops@example.com>',
      ALERT_WEBHOOK_URL: 'https://hooks.example.com/empire',
      ALERT_WEBHOOK_SECRET: SECRET,
    });
    expect(config.alerts).toEqual({
      emailTo: 'Ops <ops@example.com>',
      webhook: { url: 'https://hooks.example.com/empire', secret: SECRET },
    });
  });
});

describe('errors', () => {
  it.each([
    [{ ALERT_EMAIL_TO: 'ops at example' }, 'ALERT_EMAIL_TO', 'must be email@example.com'],
    [{ ALERT_WEBHOOK_URL: 'ftp://hooks.example.com' }, 'ALERT_WEBHOOK_URL', 'must be an http(s) URL'],
    [{ ALERT_WEBHOOK_URL: 'https://hooks.example.com' }, 'ALERT_WEBHOOK_SECRET', 'must be set with ALERT_WEBHOOK_URL'],
    [{ ALERT_WEBHOOK_SECRET: SECRET }, 'ALERT_WEBHOOK_URL', 'must be set with ALERT_WEBHOOK_SECRET'],
    [
      { ALERT_WEBHOOK_URL: 'https://hooks.example.com', ALERT_WEBHOOK_SECRET: 'short' },
      'ALERT_WEBHOOK_SECRET',
      'at least 32 characters',
    ],
  ])('refuses %o, naming %s', (vars, name, problem) => {
    expect(problems(vars)).toContainEqual({ name, problem: expect.stringContaining(problem) });
  });

  it('refuses a plain-http webhook outside development', () => {
    const vars = {
      ENVIRONMENT: 'staging',
      ALERT_WEBHOOK_URL: 'http://hooks.example.com',
      ALERT_WEBHOOK_SECRET: SECRET,
    };
    expect(problems(vars)).toContainEqual({
      name: 'ALERT_WEBHOOK_URL',
      problem: 'must be an https URL outside development',
    });
  });

  it('takes plain http outside development only to a receiver on the same machine', () => {
    const vars = {
      ENVIRONMENT: 'staging',
      ALERT_WEBHOOK_URL: 'http://127.0.0.1:9400/alerts',
      ALERT_WEBHOOK_SECRET: SECRET,
    };
    expect(problems(vars)).toEqual([]);
  });

  it('never echoes the secret in its error', () => {
    const secret = 'short-secret';
    const found = problems({ ALERT_WEBHOOK_URL: 'https://hooks.example.com', ALERT_WEBHOOK_SECRET: secret });
    expect(JSON.stringify(found)).not.toContain(secret);
  });
});
