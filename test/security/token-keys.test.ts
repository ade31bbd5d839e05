import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from '../../src/auth/jwt';
import { RETIRED_KEY_OVERLAP_MS, SIGNING_KEY_LIFETIME_MS } from '../../src/auth/signing-key-rotation';
import { workerFetch } from '../helpers/fetch';
import { ownerKey } from '../helpers/keys';
import { forge, RETIRED } from '../helpers/tokens';

const DAY = 86_400_000;
const principal = { clientId: 'key-rotation-test', role: 'operator' as const, keyPrefix: 'emp_rotation' };

describe('JWT signing keys in the TokenKeys object', () => {
  it('rotates every 90 days and keeps the old key verifying past the longest token life', async () => {
    const store = env.TOKEN_KEYS.getByName(`rotation-${crypto.randomUUID()}`);
    // Times from now on only: the object's alarm would fire at once for a rotation due in the past.
    const start = Date.now() - 89 * DAY + 60_000;
    const first = await store.current(start);
    expect(first.keys).toHaveLength(1);
    expect(first.nextChangeAt).toBe(start + SIGNING_KEY_LIFETIME_MS);
    expect((await store.current(start + 89 * DAY)).keys).toEqual(first.keys);

    const issuedBefore = await signToken(principal, first.keys);
    const rotatedAt = start + 90 * DAY;
    const rotated = await store.current(rotatedAt);
    expect(rotated.keys).toHaveLength(2);
    expect(rotated.keys[1]).toEqual(first.keys[0]);
    expect(rotated.keys[0]?.kid).not.toBe(first.keys[0]?.kid);
    expect(rotated.nextChangeAt).toBe(rotatedAt + RETIRED_KEY_OVERLAP_MS);
    expect(RETIRED_KEY_OVERLAP_MS).toBeGreaterThan(DAY);

    const dropped = await store.current(rotatedAt + RETIRED_KEY_OVERLAP_MS);
    expect(dropped.keys).toEqual([rotated.keys[0]]);
    // A token the old key signed is refused once that key is gone (its signature, not its age).
    expect(await verifyToken(issuedBefore.token, rotated.keys)).not.toBeNull();
    expect(await verifyToken(issuedBefore.token, dropped.keys)).toBeNull();
  });

  it('signs exchanged tokens with the stored key and verifies them, and hand-kept keys still verify', async () => {
    const response = await workerFetch('/api/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: ownerKey }),
    });
    const { token } = (await response.json()) as { token: string };
    const { keys } = await env.TOKEN_KEYS.getByName('signing-keys').current();
    const kid = JSON.parse(atob(token.split('.')[0] ?? '')).kid;
    expect(kid).toBe(keys[0]?.kid);
    const brains = (credential: string) =>
      workerFetch('/api/brains', { headers: { authorization: `Bearer ${credential}` } });
    expect((await brains(token)).status).toBe(200);
    expect((await brains(await forge())).status).toBe(200);
    expect((await brains(await forge({ key: RETIRED }))).status).toBe(401);
  });
});
