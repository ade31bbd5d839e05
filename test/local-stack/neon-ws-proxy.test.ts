import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NeonWsProxyHandle } from '../../local-stack/services/neon-ws-proxy.ts';
import { startNeonWsProxy } from '../../local-stack/services/neon-ws-proxy.ts';
import { isPortOpen } from '../../local-stack/services/ports.ts';
import { closeOf, proxiedPool, useLocalNeonProxy } from './neon-helpers.ts';

const POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';
const postgresUp = await isPortOpen('127.0.0.1', 5432, 500);

describe('neon ws proxy: addresses', () => {
  let proxy: NeonWsProxyHandle;

  beforeAll(async () => {
    proxy = await startNeonWsProxy({ port: 0 });
    useLocalNeonProxy(proxy.url);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('returns the prefix the Worker puts before ?address=', () => {
    expect(proxy.url).toBe(`127.0.0.1:${proxy.port}/v2`);
    expect(proxy.port).toBeGreaterThan(0);
  });

  it('refuses a non-loopback address with a policy close', async () => {
    const closed = await closeOf(`ws://${proxy.url}?address=10.1.2.3:5432`);
    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(/not loopback/);
    const hostname = await closeOf(`ws://${proxy.url}?address=db.example.com:5432`);
    expect(hostname.code).toBe(1008);
    expect(proxy.connections()).toBe(0);
  });

  it('closes with 1011 when the loopback target refuses the connection', async () => {
    const closed = await closeOf(`ws://${proxy.url}?address=127.0.0.1:1`);
    expect(closed.code).toBe(1011);
    expect(closed.reason).toMatch(/ECONNREFUSED/);
    expect(proxy.connections()).toBe(0);
  });

  it('answers plain HTTP with 426 (what the compose healthcheck probes)', async () => {
    const res = await fetch(`http://127.0.0.1:${proxy.port}/`);
    expect(res.status).toBe(426);
  });

  it('refuses a request without an address', async () => {
    expect((await closeOf(`ws://${proxy.url}`)).code).toBe(1008);
  });

  it('makes the driver fail for a non-loopback host', async () => {
    const pool = proxiedPool('postgres://postgres@10.1.2.3:5432/test', 1);
    pool.on('error', () => {});
    await expect(pool.query('select 1')).rejects.toThrow(/Connection terminated/);
    await pool.end();
  });
});

describe.skipIf(!postgresUp)('neon ws proxy: the real PostgreSQL', () => {
  let proxy: NeonWsProxyHandle;
  let pool: Pool;

  beforeAll(async () => {
    proxy = await startNeonWsProxy({ port: 0 });
    useLocalNeonProxy(proxy.url);
    pool = proxiedPool(POSTGRES, 4);
  });
  afterAll(async () => {
    await pool?.end();
    await proxy?.close();
  });

  it('runs select 1', async () => {
    const { rows } = await pool.query<{ one: number }>('select 1 as one');
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('commits and rolls back transactions', async () => {
    const table = `ls_proxy_${process.pid}`;
    const client = await pool.connect();
    try {
      await client.query(`create temp table ${table} (v int)`);
      await client.query('begin');
      await client.query(`insert into ${table} values (1), (2)`);
      await client.query('commit');
      await client.query('begin');
      await client.query(`insert into ${table} values (3)`);
      await client.query('rollback');
      const { rows } = await client.query<{ total: string }>(`select sum(v)::text as total from ${table}`);
      expect(rows[0]?.total).toBe('3');
    } finally {
      client.release();
    }
  });

  it('runs concurrent queries on separate connections', async () => {
    const started = Date.now();
    const [a, b] = await Promise.all([
      pool.query<{ pid: number }>('select pg_backend_pid() as pid, pg_sleep(0.3)'),
      pool.query<{ pid: number }>('select pg_backend_pid() as pid, pg_sleep(0.3)'),
    ]);
    expect(a.rows[0]?.pid).not.toBe(b.rows[0]?.pid);
    expect(Date.now() - started).toBeLessThan(590);
    expect(proxy.connections()).toBeGreaterThanOrEqual(2);
  });

  it('carries large payloads both ways', async () => {
    const { rows } = await pool.query<{ len: number; md5: string }>(
      "select length(x) as len, md5(x) as md5 from (select repeat('abcdefgh', 262144) as x) s",
    );
    expect(rows[0]?.len).toBe(2 * 1024 * 1024);
    const big = 'z'.repeat(3 * 1024 * 1024);
    const echo = await pool.query<{ n: number }>('select length($1::text) as n', [big]);
    expect(echo.rows[0]?.n).toBe(big.length);
  });

  it('leaves no sockets behind after close()', async () => {
    const other = await startNeonWsProxy({ port: 0 });
    useLocalNeonProxy(other.url);
    const single = proxiedPool(POSTGRES, 1);
    single.on('error', () => {});
    try {
      await single.query('select 1');
      expect(other.connections()).toBe(1);
      await other.close();
      expect(other.connections()).toBe(0);
      expect(await isPortOpen('127.0.0.1', other.port, 300)).toBe(false);
    } finally {
      await single.end().catch(() => {});
      useLocalNeonProxy(proxy.url);
    }
  });
});
