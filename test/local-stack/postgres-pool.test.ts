// The Worker's Postgres pool (src/db/postgres-pool.ts) against databases that stop answering:
// every call must end in an error rather than wait forever, and close() must leave nothing open.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NeonWsProxyHandle, startNeonWsProxy } from '../../local-stack/services/neon-ws-proxy.ts';
import { type PgliteHandle, startPglite } from '../../local-stack/services/pglite-server.ts';
import { listenLoopback } from '../../local-stack/services/ports.ts';
import { openPool } from '../../src/db/postgres-pool.ts';
import { useLocalNeonProxy } from './neon-helpers.ts';
import { frame } from './pg-wire-client.ts';

/** Short limits so the tests need not wait; what is tested is that they are kept at all. */
const quick = { connectMs: 200, queryMs: 200, closeMs: 200 };

/**
 * A database that hangs: it accepts connections and, with `greet`, finishes their startup
 * (AuthenticationOk, ReadyForQuery), then never answers or closes anything.
 */
async function startStalledDatabase(greet: boolean): Promise<{ url: string; closed: Promise<void>[]; server: Server }> {
  const closed: Promise<void>[] = [];
  const server = createServer((socket: Socket) => {
    closed.push(new Promise((resolve) => socket.on('close', () => resolve())));
    socket.on('error', () => {});
    // Reading (and dropping) what arrives is how a socket notices that its peer went away.
    socket.resume();
    if (!greet) return;
    socket.once('data', () => {
      const ok = Buffer.alloc(4);
      socket.write(Buffer.concat([frame('R', ok), frame('Z', Buffer.from('I'))]));
    });
  });
  const port = await listenLoopback(server, 0);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, closed, server };
}

describe('postgres pool: a database that stops answering', () => {
  let proxy: NeonWsProxyHandle;

  beforeAll(async () => {
    proxy = await startNeonWsProxy({ port: 0 });
    useLocalNeonProxy(proxy.url);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('fails a connection the database never completes, and lets go of its socket', async () => {
    const stalled = await startStalledDatabase(false);
    const { pool, close } = openPool({ url: stalled.url, wsProxy: proxy.url, timeouts: quick });
    await expect(pool.query('select 1')).rejects.toThrow(/timeout/i);
    await close();
    await Promise.all(stalled.closed);
    expect(stalled.closed).toHaveLength(1);
    stalled.server.close();
  });

  it('fails a query the database never answers, and lets go of its socket', async () => {
    const stalled = await startStalledDatabase(true);
    const { pool, close } = openPool({ url: stalled.url, wsProxy: proxy.url, timeouts: quick });
    await expect(pool.query('select 1')).rejects.toThrow(/timeout/i);
    await close();
    await Promise.all(stalled.closed);
    expect(stalled.closed).toHaveLength(1);
    stalled.server.close();
  });

  it('returns from close() even when the database never closes the connection', async () => {
    const stalled = await startStalledDatabase(true);
    const { pool, close } = openPool({ url: stalled.url, wsProxy: proxy.url, timeouts: quick });
    const client = await pool.connect();
    client.release();
    await close();
    expect(stalled.closed).toHaveLength(1);
    stalled.server.close();
  });
});

describe('postgres pool: close() against the embedded database', () => {
  let root: string;
  let pg: PgliteHandle;
  let proxy: NeonWsProxyHandle;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'empire-pool-close-'));
    pg = await startPglite({ port: 0, dataDir: join(root, 'pgdata') });
    proxy = await startNeonWsProxy({ port: 0 });
    useLocalNeonProxy(proxy.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await pg?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('returns only once the server has closed every connection of the pool', async () => {
    const { pool, close } = openPool({ url: pg.url, wsProxy: proxy.url });
    const answers = await Promise.all([1, 2, 3, 4].map((n) => pool.query<{ n: number }>('select $1::int as n', [n])));
    expect(answers.map((answer) => answer.rows[0]?.n)).toEqual([1, 2, 3, 4]);
    expect(pg.connections()).toBeGreaterThan(1);
    await close();
    expect(pg.connections()).toBe(0);
    expect(proxy.connections()).toBe(0);
  });

  it("connects with a Neon URL's TLS settings, the WebSocket being the TLS layer", async () => {
    const { pool, close } = openPool({ url: `${pg.url}?sslmode=require&channel_binding=require`, wsProxy: proxy.url });
    const { rows } = await pool.query<{ answer: string }>("select 'over the socket' as answer");
    expect(rows).toEqual([{ answer: 'over the socket' }]);
    await close();
  });
});
