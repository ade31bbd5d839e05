// Inside workerd, as the Worker runs it: a query stuck on the database fails after the query
// timeout instead of holding its caller (locally, the queue consumer and every later message).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/postgres';

const connection = { url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY };

describe('errors', () => {
  it('fails a query that waits on a lock past the query timeout, and still closes', async () => {
    const table = `timeout_probe_${crypto.randomUUID().replaceAll('-', '')}`;
    const holder = openPostgres(connection);
    // Short so the test need not wait; what is tested is that the limit is kept at all.
    const waiter = openPostgres({ ...connection, timeouts: { queryMs: 300 } });
    await holder.query(`create table ${table} (id int)`);
    const locker = await holder.pool.connect();
    try {
      await locker.query('begin');
      await locker.query(`lock table ${table} in access exclusive mode`);
      await expect(waiter.query(`select count(*) from ${table}`)).rejects.toThrow(/timeout/i);
      await waiter.close();
      await locker.query('rollback');
    } finally {
      locker.release();
      await holder.query(`drop table if exists ${table}`);
      await holder.close();
    }
  });
});
