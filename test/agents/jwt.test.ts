import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { createKey } from '../helpers/keys';
import { CURRENT, forge, PREVIOUS, RETIRED, tokenFor } from '../helpers/tokens';

const brains = (token: string) => workerFetch('/api/brains', { headers: { authorization: `Bearer ${token}` } });
const b64 = (value: unknown) =>
  btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

describe('happy', () => {
  it('exchanges an API key for a 24-hour JWT that opens the API', async () => {
    const response = await workerFetch('/api/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: (await import('../helpers/keys')).ownerKey }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; expiresAt: string; role: string };
    expect(body.role).toBe('owner');
    const lifetime = Date.parse(body.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(23.9 * 3600_000);
    expect(lifetime).toBeLessThanOrEqual(24 * 3600_000);
    const [header] = body.token.split('.');
    expect(JSON.parse(atob(header ?? ''))).toMatchObject({
      alg: 'HS256',
      kid: expect.stringMatching(/^k-\d{4}-\d\d-\d\d-/),
    });
    expect((await brains(body.token)).status).toBe(200);
  });

  it('still accepts a token signed by the previous key during a rotation', async () => {
    expect((await brains(await forge({ key: PREVIOUS }))).status).toBe(200);
  });
});

describe('security', () => {
  const cases: [string, () => Promise<string>][] = [
    [
      'alg none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'dev-owner', role: 'owner', kp: 'x', iss: 'ai-empire', aud: 'empire-api', exp: 4102444800, nbf: 0, iat: 0 })}.`,
    ],
    [
      'HS/RS confusion',
      async () => {
        const { privateKey } = await generateKeyPair('RS256', { extractable: true });
        await exportJWK(privateKey);
        return new SignJWT({ role: 'owner', kp: 'x' })
          .setProtectedHeader({ alg: 'RS256', kid: CURRENT.kid })
          .setSubject('dev-owner')
          .setIssuer('ai-empire')
          .setAudience('empire-api')
          .setIssuedAt()
          .setNotBefore('0s')
          .setExpirationTime('1h')
          .sign(privateKey);
      },
    ],
    ['expired', () => forge({ exp: Math.floor(Date.now() / 1000) - 10 })],
    ['not yet valid', () => forge({ nbf: Math.floor(Date.now() / 1000) + 600 })],
    ['wrong audience', () => forge({ aud: 'someone-else' })],
    ['wrong issuer', () => forge({ iss: 'evil' })],
    ['unknown kid', () => forge({ key: { kid: 'nobody', secret: CURRENT.secret } })],
    ['signed by a retired key', () => forge({ key: RETIRED })],
    [
      'tampered payload',
      async () => {
        const [header, , signature] = (await forge({ claims: { role: 'readonly' } })).split('.');
        return `${header}.${b64({ sub: 'dev-owner', role: 'owner', kp: 'x', iss: 'ai-empire', aud: 'empire-api', exp: 4102444800, nbf: 0, iat: 0 })}.${signature}`;
      },
    ],
    ['unknown role', () => forge({ claims: { role: 'god' } })],
    // Signed with the real secret, yet no token of ours looks like these.
    ['an issue time ten years ahead', () => forge({ iat: Math.floor(Date.now() / 1000) + 10 * 365 * 86_400 })],
    ['an expiry in 2100', () => forge({ exp: Math.floor(Date.UTC(2100, 0, 1) / 1000) })],
    ['an issue time over a day ago', () => forge({ iat: Math.floor(Date.now() / 1000) - 25 * 3600 })],
    ['a size of 100 KB', () => forge({ claims: { pad: 'x'.repeat(100_000) } })],
  ];

  it.each(cases)('answers 401 to a token with %s', async (_name, make) => {
    const response = await brains(await make());
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorShape).error.code).toBe('unauthorized');
  });

  it('refuses a bad API key at the exchange without saying more', async () => {
    const response = await workerFetch('/api/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: 'emp_wrongwrongwrongwrongwrongwrong' }),
    });
    expect(response.status).toBe(401);
  });

  it('keeps a readonly token from acting', async () => {
    const token = await tokenFor(await createKey('readonly'));
    expect((await brains(token)).status).toBe(200);
    const acted = await workerFetch('/api/action', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'pause', agent: 'ceo' }),
    });
    expect(acted.status).toBe(403);
  });
});
