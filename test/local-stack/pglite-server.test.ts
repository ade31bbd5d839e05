import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NeonWsProxyHandle } from '../../local-stack/services/neon-ws-proxy.ts';
import { startNeonWsProxy } from '../../local-stack/services/neon-ws-proxy.ts';
import type { PgliteHandle } from '../../local-stack/services/pglite-server.ts';
import { startPglite } from '../../local-stack/services/pglite-server.ts';
import { proxiedPool, useLocalNeonProxy } from './neon-helpers.ts';

describe('pglite server behind the neon ws proxy', () => {
  let root: string;
  let dataDir: string;
  let pg: PgliteHandle;
  let proxy: NeonWsProxyHandle;
  let pool: Pool;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'empire-pglite-'));
    dataDir = join(root, 'nested', 'parents', 'pgdata');
    pg = await startPglite({ port: 0, dataDir });
    proxy = await startNeonWsProxy({ port: 0 });
    useLocalNeonProxy(proxy.url);
    pool = proxiedPool(pg.url, 4);
  }, 30_000);

  afterAll(async () => {
    await pool?.end();
    await proxy?.close();
    await pg?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('exposes a postgres url on a real port', () => {
    expect(pg.url).toBe(`postgres://postgres@127.0.0.1:${pg.port}/postgres`);
  });

  it('creates the data directory and its parents', async () => {
    expect((await stat(dataDir)).isDirectory()).toBe(true);
  });

  it('answers concurrent queries from a pool of 4', async () => {
    await pool.query('create table if not exists items (id serial primary key, label text not null)');
    const inserts = Array.from({ length: 12 }, (_, i) =>
      pool.query<{ id: number }>('insert into items (label) values ($1) returning id', [`item-${i}`]),
    );
    const results = await Promise.all(inserts);
    expect(new Set(results.map((r) => r.rows[0]?.id)).size).toBe(12);
    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from items');
    expect(rows[0]?.n).toBe(12);
  });

  it('keeps transactions isolated per connection', async () => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query("insert into items (label) values ('rolled-back')");
      await client.query('rollback');
    } finally {
      client.release();
    }
    const { rows } = await pool.query<{ n: number }>(
      "select count(*)::int as n from items where label = 'rolled-back'",
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('persists data across restarts', async () => {
    await pool.end();
    await pg.close();
    pg = await startPglite({ port: 0, dataDir });
    pool = proxiedPool(pg.url, 2);
    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from items');
    expect(rows[0]?.n).toBe(12);
  }, 20_000);
});
