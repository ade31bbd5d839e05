import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { keyPrefix } from '../../src/auth/api-keys';
import { openPostgres } from '../../src/db/postgres';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { createKey, ownerKey } from '../helpers/keys';

interface DeferralPage {
  items: { id: string; status: string }[];
  nextCursor: string | null;
}

const get = (path: string, key = ownerKey) => workerFetch(path, { headers: { authorization: `Bearer ${key}` } });

/** The client id a key's calls are charged to: `key-<api_keys.id>`. */
async function clientIdOf(key: string): Promise<string> {
  const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
  try {
    const result = await postgres.pool.query('select id from api_keys where prefix = $1', [keyPrefix(key)]);
    return `key-${result.rows[0]?.id}`;
  } finally {
    await postgres.close();
  }
}

/** A deferred call as the budget gate stores it, made for `client`, created at `at`. */
async function storeDeferral(client: string, status: string, at: number): Promise<string> {
  const id = crypto.randomUUID();
  const request = { messages: [{ role: 'user', content: 'later' }], scopes: { client } };
  const refusal = {
    scope: { kind: 'client', id: client },
    window: 'day',
    capMicros: 1,
    spentMicros: 1,
    reservedMicros: 0,
    requestedMicros: 10,
    retryAt: at + 86_400_000,
  };
  await env.DB.prepare(
    'insert into deferred_calls (id, request, refusal, status, not_before, attempts, created_at, updated_at) values (?, ?, ?, ?, ?, 0, ?, ?)',
  )
    .bind(id, JSON.stringify(request), JSON.stringify(refusal), status, refusal.retryAt, at, at)
    .run();
  return id;
}

async function allPages(path: string, key: string): Promise<string[]> {
  const ids: string[] = [];
  let next: string | null = '';
  while (next !== null) {
    const response = await get(`${path}${next ? `&cursor=${next}` : ''}`, key);
    expect(response.status).toBe(200);
    const page = (await response.json()) as DeferralPage;
    ids.push(...page.items.map((item) => item.id));
    next = page.nextCursor;
  }
  return ids;
}

describe('happy', () => {
  it('lists deferrals newest first by status, page by page; a non-owner sees only its own', async () => {
    const operator = await createKey('operator');
    const mine = await clientIdOf(operator);
    const now = Date.now();
    const own = [
      await storeDeferral(mine, 'waiting', now - 3_000),
      await storeDeferral(mine, 'waiting', now - 2_000),
      await storeDeferral(mine, 'done', now - 1_000),
    ];
    const others = [await storeDeferral('key-someone-else', 'waiting', now - 1_500)];
    const ownerWaiting = await allPages('/api/deferrals?status=waiting&limit=1', ownerKey);
    expect(ownerWaiting).toEqual([others[0], own[1], own[0]]);
    expect(await allPages('/api/deferrals?status=waiting&limit=1', operator)).toEqual([own[1], own[0]]);
    expect(await allPages('/api/deferrals?limit=2', operator)).toEqual([own[2], own[1], own[0]]);
    expect((await get(`/api/deferrals/${own[0]}`, operator)).status).toBe(200);
    expect((await get(`/api/deferrals/${others[0]}`, operator)).status).toBe(404);
    expect((await get(`/api/deferrals/${others[0]}`, ownerKey)).status).toBe(200);
  });
});

describe('errors', () => {
  it('refuses an unknown status, a bad limit and a forged cursor', async () => {
    for (const query of ['status=sleeping', 'limit=0', 'limit=201', 'cursor=bm9wZQ', 'cursor=eyJjIjotMX0']) {
      const response = await get(`/api/deferrals?${query}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorShape).error.code).toBe('invalid_request');
    }
  });
});

describe('security', () => {
  it('needs a key', async () => {
    expect((await workerFetch('/api/deferrals')).status).toBe(401);
  });
});
