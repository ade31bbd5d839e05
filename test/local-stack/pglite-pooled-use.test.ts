// The embedded Postgres under the use `npm start` gives it: pools through the Neon WebSocket
// proxy opened and ended again and again, clients that vanish or go silent mid-transaction,
// or send what PGlite cannot take. None of it may leak a connection or leave others waiting.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NeonWsProxyHandle, startNeonWsProxy } from '../../local-stack/services/neon-ws-proxy.ts';
import { type PgliteHandle, startPglite } from '../../local-stack/services/pglite-server.ts';
import { proxiedClient, proxiedPool, useLocalNeonProxy } from './neon-helpers.ts';
import { frame, openWireClient, refusalOf, startup, terminateMessage } from './pg-wire-client.ts';

/** A pool whose end() resolves only once the server has closed every connection the pool opened. */
function trackedPool(url: string, max: number): { pool: Pool; end(): Promise<void> } {
  const pool = proxiedPool(url, max);
  pool.on('error', () => {});
  const ended: Promise<void>[] = [];
  pool.on('connect', (client: PoolClient) => {
    ended.push(new Promise((resolve) => client.once('end', () => resolve())));
  });
  return {
    pool,
    async end() {
      await pool.end();
      await Promise.all(ended);
    },
  };
}

async function countLabel(url: string, label: string): Promise<number> {
  const probe = trackedPool(url, 1);
  try {
    const { rows } = await probe.pool.query<{ n: number }>('select count(*)::int as n from items where label = $1', [
      label,
    ]);
    return rows[0]?.n ?? -1;
  } finally {
    await probe.end();
  }
}

describe('pglite server: pools come and go', () => {
  let root: string;
  let pg: PgliteHandle;
  let proxy: NeonWsProxyHandle;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'empire-pglite-pooled-'));
    pg = await startPglite({ port: 0, dataDir: join(root, 'pgdata'), maxConnections: 4 });
    proxy = await startNeonWsProxy({ port: 0 });
    useLocalNeonProxy(proxy.url);
    const setup = trackedPool(pg.url, 1);
    await setup.pool.query('create table items (id serial primary key, label text not null)');
    await setup.end();
  });

  afterAll(async () => {
    await proxy?.close();
    await pg?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("closes a connection on the client's Terminate, so client.end() returns", async () => {
    const client = proxiedClient(pg.url);
    await client.connect();
    await client.query('select 1');
    await client.end();
    expect(pg.connections()).toBe(0);
    expect(proxy.connections()).toBe(0);
  });

  it('serves pool after pool, each using every connection, without running out of them', async () => {
    for (let round = 0; round < 12; round++) {
      const { pool, end } = trackedPool(pg.url, 4);
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => pool.query<{ v: number }>('select $1::int as v', [round * 10 + i])),
      );
      expect(answers.map((answer) => answer.rows[0]?.v)).toEqual(Array.from({ length: 8 }, (_, i) => round * 10 + i));
      await end();
    }
    expect(pg.connections()).toBe(0);
  });

  it('keeps each client’s statements its own when many run at once', async () => {
    const { pool, end } = trackedPool(pg.url, 4);
    // A different statement text per query: batches mixed between connections would bind one
    // client's parameters to another's unnamed statement.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => pool.query<{ v: number }>(`select $1::int * ${i + 1} as v`, [i])),
    );
    expect(answers.map((answer) => answer.rows[0]?.v)).toEqual(Array.from({ length: 40 }, (_, i) => i * (i + 1)));
    await end();
  });

  it('keeps a transaction to its own client while others write', async () => {
    const { pool, end } = trackedPool(pg.url, 4);
    const tx = await pool.connect();
    await tx.query('begin');
    await tx.query("insert into items (label) values ('tx-rolled-back')");
    const others = Promise.all(
      Array.from({ length: 5 }, () => pool.query("insert into items (label) values ('outside-tx')")),
    );
    await tx.query("insert into items (label) values ('tx-rolled-back')");
    await tx.query('rollback');
    tx.release();
    await others;
    await end();
    expect(await countLabel(pg.url, 'tx-rolled-back')).toBe(0);
    expect(await countLabel(pg.url, 'outside-tx')).toBe(5);
  });

  it('refuses a connection over the limit with 53300, as PostgreSQL does', async () => {
    const holders = await Promise.all([1, 2, 3, 4].map(() => openWireClient(pg.port)));
    await expect(openWireClient(pg.port)).rejects.toThrow('53300');
    for (const holder of holders) holder.socket.write(terminateMessage());
    await Promise.all(holders.map((holder) => holder.closed));
    expect(pg.connections()).toBe(0);
  });

  it('rolls back and frees the session when a client vanishes inside a transaction', async () => {
    const gone = await openWireClient(pg.port);
    await gone.query('begin');
    await gone.query("insert into items (label) values ('vanished')");
    gone.socket.destroy();
    expect(await countLabel(pg.url, 'vanished')).toBe(0);
    expect(pg.connections()).toBe(0);
  });

  it('syncs the session when a client vanishes half way through an extended query', async () => {
    const gone = await openWireClient(pg.port);
    const parse = frame('P', Buffer.from("\0insert into items (label) values ('half-way')\0\0\0"));
    const bind = frame('B', Buffer.from('\0\0\0\0\0\0\0\0'));
    gone.socket.write(Buffer.concat([parse, bind]));
    gone.socket.destroy();
    expect(await countLabel(pg.url, 'half-way')).toBe(0);
    expect(pg.connections()).toBe(0);
  });

  it('refuses what would wedge PGlite, as PostgreSQL refuses it, and goes on serving', async () => {
    // PGlite exits on a startup packet without a user, and spins forever on an unknown message
    // type or a PasswordMessage after its trust login: none of them may reach it.
    expect(await refusalOf(pg.port, startup('database\0postgres\0\0'))).toBe('28000');
    expect(await refusalOf(pg.port, startup('user\0postgres'))).toBe('08P01');
    for (const type of ['z', 'p']) {
      const client = await openWireClient(pg.port);
      client.socket.write(frame(type, Buffer.from('secret\0')));
      expect(await client.closed).toBe('08P01');
    }
    expect(await countLabel(pg.url, 'nothing')).toBe(0);
    expect(pg.connections()).toBe(0);
  });

  it('rolls back an open transaction when its client says Terminate', async () => {
    const leaving = await openWireClient(pg.port);
    await leaving.query('begin');
    await leaving.query("insert into items (label) values ('terminated')");
    leaving.socket.write(terminateMessage());
    expect(await leaving.closed).toBeUndefined();
    expect(await countLabel(pg.url, 'terminated')).toBe(0);
  });
});

describe('pglite server: silent clients are cut off', () => {
  let root: string;
  let pg: PgliteHandle;
  let proxy: NeonWsProxyHandle;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'empire-pglite-silent-'));
    // Short limits so the test need not wait; what is tested is what happens when they pass.
    pg = await startPglite({
      port: 0,
      dataDir: join(root, 'pgdata'),
      maxConnections: 3,
      idleTimeoutMs: 300,
      idleInTransactionTimeoutMs: 300,
    });
    proxy = await startNeonWsProxy({ port: 0 });
    useLocalNeonProxy(proxy.url);
    const setup = trackedPool(pg.url, 1);
    await setup.pool.query('create table items (id serial primary key, label text not null)');
    await setup.end();
  });

  afterAll(async () => {
    await proxy?.close();
    await pg?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('ends a client idle inside a transaction, rolls it back and lets the others go on', async () => {
    const silent = await openWireClient(pg.port);
    // One round trip: the limit is short, and only the silence after it is under test.
    await silent.query("begin; insert into items (label) values ('idle-in-tx')");
    // Waits behind the open transaction until the server gives up on it.
    expect(await countLabel(pg.url, 'idle-in-tx')).toBe(0);
    expect(await silent.closed).toBe('25P03');
  });

  it('closes connections left idle, so abandoned ones give their places back', async () => {
    const abandoned = await Promise.all([1, 2, 3].map(() => openWireClient(pg.port)));
    expect(await Promise.all(abandoned.map((client) => client.closed))).toEqual(['57P05', '57P05', '57P05']);
    expect(pg.connections()).toBe(0);
    expect(await countLabel(pg.url, 'nothing')).toBe(0);
  });
});
