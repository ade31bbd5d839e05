import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/postgres';
import { seedModels } from '../../src/llm/catalogue';
import { forgetCatalogue, loadCatalogue } from '../../src/llm/catalogue-store';
import { ownerKey } from '../helpers/keys';
import { call, envWith } from '../http/rate-limit-helpers';

// Nothing listens on port 9: every connection to this database fails.
const DEAD_DATABASE = 'postgres://postgres@127.0.0.1:9/gone';
const live = () => openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
const dead = () => openPostgres({ url: DEAD_DATABASE, wsProxy: env.NEON_WS_PROXY });

describe('errors', () => {
  it('answers gateway calls while Postgres is down, on the seed prices in a fresh isolate', async () => {
    forgetCatalogue();
    const response = await call(envWith({ DATABASE_URL: DEAD_DATABASE }), '/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto:research', messages: [{ role: 'user', content: 'postgres is down' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ object: 'chat.completion' });
  });

  it('keeps routing on the catalogue it last read once its copy is stale and Postgres is gone', async () => {
    forgetCatalogue();
    const handle = live();
    const now = Date.now();
    const read = await loadCatalogue(() => handle.db, now);
    await handle.close();
    const gone = dead();
    try {
      // A minute and more later the copy is stale; the refresh fails, and the copy keeps serving.
      expect(await loadCatalogue(() => gone.db, now + 61_000)).toBe(read);
      expect(await loadCatalogue(() => gone.db, now + 62_000)).toBe(read);
    } finally {
      await gone.close().catch(() => undefined);
    }
    forgetCatalogue();
    const cold = dead();
    try {
      expect(await loadCatalogue(() => cold.db)).toEqual(seedModels);
    } finally {
      await cold.close().catch(() => undefined);
    }
  });

  it('fails a query when the WebSocket to the database cannot open, and still closes', async () => {
    // Nothing listens on port 9 for the proxy either: the socket fails before any Postgres byte.
    const unreachable = openPostgres({ url: env.DATABASE_URL, wsProxy: '127.0.0.1:9/v2' });
    await expect(unreachable.query('select 1')).rejects.toThrow(/WebSocket|terminated|connect/i);
    await unreachable.close();
  });
});
