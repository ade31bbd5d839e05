// A private PostgreSQL for one chaos scenario: its own data dir and port, never the machine's
// shared server. Stopped with `-m immediate` to act as a crash, started again on the same data.
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, isRoot, postgresBinary, run } from './processes.ts';

export interface PrivatePostgres {
  url: string;
  port: number;
  start(): Promise<void>;
  /** Stops at once, as a crash would (no checkpoint, clients cut off). */
  stop(): Promise<void>;
  destroy(): Promise<void>;
  /** One query through psql; rows as lines, columns separated by |. */
  query(sql: string): Promise<string[]>;
}

export async function startPostgres(): Promise<PrivatePostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'empire-chaos-pg-'));
  const data = join(dir, 'data');
  const user = isRoot() ? 'postgres' : undefined;
  if (user) {
    const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
    await chown(dir, Number(uid.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  const pgCtl = postgresBinary('pg_ctl');
  await run(postgresBinary('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'], user);
  let running = false;
  const start = async () => {
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await run(pgCtl, ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start'], user);
    running = true;
  };
  const stop = async () => {
    if (!running) return;
    await run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], user);
    running = false;
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    query: async (sql) => {
      const out = await run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-AtX', '-c', sql]);
      return out.split('\n').filter(Boolean);
    },
    destroy: async () => {
      await stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
