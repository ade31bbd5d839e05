import { env } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../../src/db/pg-schema';
import { openPostgres } from '../../src/db/postgres';
import { workerFetch } from '../helpers/fetch';
import { gatewayClient } from '../helpers/gateway';
import { createKey, ownerKey } from '../helpers/keys';
import { tokenFor } from '../helpers/tokens';

interface KeyView {
  id: string;
  prefix: string;
  role: string;
  clientId: string;
  state: string;
  expiresAt: string | null;
  replacedBy: string | null;
  allowedModels: string[] | null;
  rotationDue: boolean;
}

const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
afterAll(() => postgres.close());

const call = (path: string, init: RequestInit & { token?: string } = {}) =>
  workerFetch(path, {
    ...init,
    headers: {
      authorization: `Bearer ${init.token ?? ownerKey}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });

async function newKey(body: Record<string, unknown>): Promise<{ key: KeyView; secret: string }> {
  const response = await call('/api/keys', { method: 'POST', body: JSON.stringify(body) });
  expect(response.status).toBe(201);
  return response.json();
}

const brainsWith = async (credential: string) => (await call('/api/brains', { token: credential })).status;

describe('the key lifecycle', () => {
  it('creates a key whose secret is answered once and never listed', async () => {
    const { key, secret } = await newKey({ name: 'ci runner', role: 'operator' });
    expect(secret).toMatch(/^emp_/);
    expect(key).toMatchObject({ role: 'operator', state: 'active', prefix: secret.slice(0, 12), rotationDue: false });
    expect(await brainsWith(secret)).toBe(200);

    const listed = await call('/api/keys');
    const text = await listed.text();
    expect(listed.status).toBe(200);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('keyHash');
    const items = (JSON.parse(text) as { items: KeyView[] }).items;
    expect(items.find((item) => item.id === key.id)).toMatchObject({ clientId: `key-${key.id}` });
  });

  it('lets only the owner manage keys', async () => {
    const operator = await createKey('operator');
    const readonly = await createKey('readonly');
    for (const token of [operator, readonly]) {
      expect((await call('/api/keys', { token })).status).toBe(403);
      const created = await call('/api/keys', {
        token,
        method: 'POST',
        body: JSON.stringify({ name: 'x', role: 'owner' }),
      });
      expect(created.status).toBe(403);
    }
    expect((await workerFetch('/api/keys')).status).toBe(401);
  });

  it('refuses what it cannot honour, by name', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'x', role: 'admin' }, 'role'],
      [{ name: 'x', role: 'operator', expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
      [{ name: 'x', role: 'operator', models: ['nobody/nothing'] }, 'models[0]'],
      [{ name: 'x', role: 'operator', scopes: ['all'] }, 'scopes'],
    ];
    for (const [body, named] of cases) {
      const response = await call('/api/keys', { method: 'POST', body: JSON.stringify(body) });
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain(named);
    }
    expect((await call(`/api/keys/${crypto.randomUUID()}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call('/api/keys/not-a-uuid', { method: 'DELETE' })).status).toBe(400);
  });

  it('revokes a key, and the tokens it minted stop with it', async () => {
    const { key, secret } = await newKey({ name: 'laptop', role: 'operator' });
    const token = await tokenFor(secret);
    expect(await brainsWith(token)).toBe(200);

    const revoked = await call(`/api/keys/${key.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as KeyView).state).toBe('revoked');
    expect(await brainsWith(secret)).toBe(401);
    expect(await brainsWith(token)).toBe(401);
    expect((await call('/api/keys')).status).toBe(200);
    const all = (await (await call('/api/keys?state=all')).json()) as { items: KeyView[] };
    expect(all.items.find((item) => item.id === key.id)?.state).toBe('revoked');
  });

  it('rotates a key: same client, the old secret lasts its grace period only', async () => {
    const { key, secret } = await newKey({ name: 'server', role: 'operator' });
    const rotated = await call(`/api/keys/${key.id}/rotate`, {
      method: 'POST',
      body: JSON.stringify({ graceSeconds: 3600 }),
    });
    expect(rotated.status).toBe(201);
    const body = (await rotated.json()) as { key: KeyView; secret: string; previous: KeyView };
    expect(body.key.clientId).toBe(key.clientId);
    expect(body.previous.replacedBy).toBe(body.key.id);
    expect(Date.parse(body.previous.expiresAt ?? '') - Date.now()).toBeGreaterThan(3500_000);
    expect(await brainsWith(body.secret)).toBe(200);
    expect(await brainsWith(secret)).toBe(200);

    const again = await call(`/api/keys/${key.id}/rotate`, { method: 'POST' });
    expect(again.status).toBe(409);

    // No grace: the old secret and its tokens stop at once.
    const token = await tokenFor(body.secret);
    const second = await call(`/api/keys/${body.key.id}/rotate`, {
      method: 'POST',
      body: JSON.stringify({ graceSeconds: 0 }),
    });
    expect(second.status).toBe(201);
    expect(await brainsWith(body.secret)).toBe(401);
    expect(await brainsWith(token)).toBe(401);
    const malformed = await workerFetch(`/api/keys/${key.id}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
      body: '{"graceSeconds":',
    });
    expect(malformed.status).toBe(400);
  });

  it('stops a key at its expiry, tokens included', async () => {
    const { secret } = await newKey({
      name: 'short-lived',
      role: 'readonly',
      expiresAt: new Date(Date.now() + 1_500).toISOString(),
    });
    const token = await tokenFor(secret);
    expect(await brainsWith(secret)).toBe(200);
    expect(await brainsWith(token)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    expect(await brainsWith(secret)).toBe(401);
    expect(await brainsWith(token)).toBe(401);
  });

  it('keeps a key to its models and puts caps on its client scope', async () => {
    const { key, secret } = await newKey({
      name: 'bot',
      role: 'operator',
      models: ['llama3.2'],
      budget: { day: 2, month: 20, currency: 'USD' },
    });
    expect(key.allowedModels).toEqual(['ollama/llama3.2']);
    const client = gatewayClient(secret);
    const refused = await client.chat.completions
      .create({ model: 'moonshot/kimi-k2.5', messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((refused as InstanceType<typeof OpenAI.APIError>).param).toBe('model');
    const allowed = await client.chat.completions.create({
      model: 'auto:simple',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(allowed.model).toBe('ollama/llama3.2');

    const budget = (await (await call('/api/budget')).json()) as {
      windows: { scope: string; window: string; cap: { usdMicros: number } | null }[];
    };
    const caps = budget.windows.filter((line) => line.scope === `client:${key.clientId}`);
    expect(caps.map((line) => [line.window, line.cap?.usdMicros]).sort()).toEqual([
      ['day', 2_000_000],
      ['month', 20_000_000],
    ]);
  });

  it('reports keys past their rotation age in health and in the list', async () => {
    const { key } = await newKey({ name: 'old', role: 'readonly' });
    await postgres.db.update(apiKeys).set({ createdAt: sql`now() - interval '91 days'` }).where(eq(apiKeys.id, key.id));
    const items = ((await (await call('/api/keys')).json()) as { items: KeyView[] }).items;
    expect(items.find((item) => item.id === key.id)?.rotationDue).toBe(true);
    const health = (await (await workerFetch('/api/health')).json()) as {
      checks: { name: string; status: string; detail?: string }[];
    };
    const check = health.checks.find((entry) => entry.name === 'auth:key_rotation');
    expect(check?.status).toBe('degraded');
    expect(check?.detail).toContain(key.prefix);
    await call(`/api/keys/${key.id}`, { method: 'DELETE' });
  });
});
