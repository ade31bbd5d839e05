import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupManifest } from '../../src/backup/manifest';
import { openPostgres, type PostgresHandle } from '../../src/db/postgres';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { createKey, ownerKey } from '../helpers/keys';
import { pingBody, sendPing } from '../revenue/revenue-helpers';
import { fireTick, runsOf } from '../workflows/helpers';

const suffix = crypto.randomUUID().slice(0, 8);
const SOURCE = `bk_src_${suffix}`;
const TARGET = `bk_dst_${suffix}`;
const PG_TABLES = ['users', 'api_keys', 'spend_ledger', 'actions', 'swarm_runs', 'reactor_tasks'];

const as = (key: string, init: RequestInit = {}) => ({
  ...init,
  headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
});
const restore = (id: string, body: unknown, key = ownerKey) =>
  workerFetch(`/api/backups/${id}/restore`, as(key, { method: 'POST', body: JSON.stringify(body) }));

let postgres: PostgresHandle;

async function d1Rows(db: D1Database, table: string) {
  return (await db.prepare(`select * from "${table}" order by rowid`).all()).results;
}

async function pgRows(schema: string, table: string) {
  const { rows } = await postgres.pool.query<{ line: string }>(
    `select row_to_json(t)::text as line from "${schema}"."${table}" t order by 1`,
  );
  return rows.map((row) => row.line);
}

async function seed() {
  for (const table of PG_TABLES)
    await postgres.pool.query(`create table "${SOURCE}"."${table}" (like public."${table}" including all)`);
  const user = await postgres.pool.query<{ id: string }>(
    `insert into "${SOURCE}".users (name, role) values ('Dana "the owner" Kovács', 'owner') returning id`,
  );
  await postgres.pool.query(
    `insert into "${SOURCE}".api_keys (user_id, label, prefix, key_hash, role) values ($1, 'laptop', 'emp_abc', 'hash', 'owner')`,
    [user.rows[0]?.id],
  );
  for (let n = 0; n < 1_234; n += 1) {
    await postgres.pool.query(
      `insert into "${SOURCE}".spend_ledger (request_id, provider, model, tokens_in, tokens_out, cost_micros, status, cache_hit, scope_agent)
       values ($1, 'moonshot', 'moonshot/kimi-k2.5', $2, 7, $3, $4, $5, 'ceo')`,
      [`req-${n}`, n, n * 1_000_003, n % 10 === 0 ? 'error' : 'ok', n % 3 === 0],
    );
  }
  await postgres.pool.query(
    `insert into "${SOURCE}".actions (id, action, input, priority, agents, requested_by, status) values ($1, 'pause', 'line one\nline two', 'high', '{ceo,mouth}', 'owner', 'done')`,
    [crypto.randomUUID()],
  );
  for (const [n, name] of ['Ada Lovelace', 'Jürgen Müller', 'Zoë "Z" Ng'].entries()) {
    const response = await workerFetch(
      '/api/crm/leads',
      as(ownerKey, {
        method: 'POST',
        body: JSON.stringify({ name, email: `lead${n}@example.com`, company: 'Acme' }),
      }),
    );
    expect(response.status).toBe(201);
  }
  await sendPing(pingBody());
  await sendPing(pingBody({ refunded: 'true' }));
}

beforeAll(async () => {
  postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
  await postgres.pool.query(`create schema "${SOURCE}"`);
  await seed();
}, 60_000);

afterAll(async () => {
  await postgres.pool.query(`drop schema if exists "${SOURCE}" cascade`);
  await postgres.pool.query(`drop schema if exists "${TARGET}" cascade`);
  await postgres.close();
});

const tick = Date.UTC(2026, 10, 30, 2, 30);
const id = '2026-11-30T02-30-00-000Z';

describe('happy', () => {
  it('backs up D1 and Postgres, then restores into a fresh database with the same rows, table by table', async () => {
    const tables = (
      await env.DB.prepare("select name from sqlite_master where type = 'table'").all<{ name: string }>()
    ).results.map((row) => row.name);
    const before = new Map<string, unknown[]>();
    const own = (name: string) =>
      !name.startsWith('_cf_') && !name.startsWith('sqlite_') && !name.startsWith('leads_fts');
    for (const table of tables.filter(own)) before.set(table, await d1Rows(env.DB, table));

    await fireTick('30 2 * * *', tick, { env: { ...env, BACKUP_POSTGRES_SCHEMA: SOURCE } as Env });
    const [run] = await runsOf('backup');
    expect(run?.status).toBe('succeeded');

    const listed = (await (await workerFetch('/api/backups', as(ownerKey))).json()) as { backups: BackupManifest[] };
    const manifest = listed.backups.find((entry) => entry.id === id);
    if (!manifest) throw new Error('backup not listed');
    expect(manifest.format).toBe('ndjson');
    expect(manifest.d1.migrations).toEqual(env.TEST_MIGRATIONS.map((migration) => migration.name));
    expect(manifest.d1.tables.map((entry) => entry.table)).toEqual(
      expect.arrayContaining(['leads', 'lead_events', 'revenue_events', 'workflow_runs', 'd1_migrations']),
    );
    expect(manifest.d1.tables.map((entry) => entry.table)).not.toContain('leads_fts_data');
    // Parents before children: lead_events points at leads.
    const order = manifest.d1.tables.map((entry) => entry.table);
    expect(order.indexOf('leads')).toBeLessThan(order.indexOf('lead_events'));
    expect(manifest.d1.tables.find((entry) => entry.table === 'leads')?.rows).toBe(3);
    expect(manifest.postgres?.tables.map((entry) => entry.table).sort()).toEqual([...PG_TABLES].sort());
    expect(manifest.postgres?.tables.find((entry) => entry.table === 'spend_ledger')?.rows).toBe(1_234);
    expect(manifest.postgres?.migrations.count).toBeGreaterThan(0);
    for (const entry of [...manifest.d1.tables, ...(manifest.postgres?.tables ?? [])]) {
      const object = await env.BACKUPS.get(entry.key);
      const bytes = await object?.arrayBuffer();
      const digest = bytes ? await crypto.subtle.digest('SHA-256', bytes) : new ArrayBuffer(0);
      expect(Buffer.from(digest).toString('hex'), entry.key).toBe(entry.sha256);
      expect(bytes?.byteLength).toBe(entry.bytes);
    }

    const response = await restore(id, { d1Binding: 'DB_RESTORE', postgresSchema: TARGET });
    expect(response.status).toBe(200);

    for (const [table, rows] of before) {
      const restored = await d1Rows(env.DB_RESTORE, table);
      if (table === 'workflow_runs') {
        // The backup's own run was still running when the table was read.
        expect(
          restored.filter((row) => row.workflow !== 'backup'),
          table,
        ).toEqual(rows);
        expect(restored.filter((row) => row.workflow === 'backup')).toMatchObject([{ status: 'running' }]);
      } else {
        expect(restored, table).toEqual(rows);
      }
    }
    const found = await env.DB_RESTORE.prepare(
      "select leads.name from leads_fts join leads on leads.seq = leads_fts.rowid where leads_fts match 'muller'",
    ).all<{ name: string }>();
    expect(found.results.map((row) => row.name)).toEqual(['Jürgen Müller']);

    for (const table of PG_TABLES) {
      const restored = await pgRows(TARGET, table);
      expect(restored, table).toEqual(await pgRows(SOURCE, table));
    }
    expect(await pgRows(TARGET, 'spend_ledger')).toHaveLength(1_234);
  }, 60_000);

  it('backs up the live Postgres schema by default', async () => {
    const liveTick = Date.UTC(2026, 10, 29, 2, 30);
    await fireTick('30 2 * * *', liveTick);
    const manifest = (await (await env.BACKUPS.get('backups/2026-11-29T02-30-00-000Z/manifest.json'))?.json()) as
      | BackupManifest
      | undefined;
    expect(manifest?.postgres?.schema).toBe('public');
    expect(manifest?.postgres?.tables.map((entry) => entry.table)).toEqual(
      expect.arrayContaining(['users', 'api_keys', 'spend_ledger', 'swarm_runs']),
    );
    for (const entry of manifest?.postgres?.tables ?? []) expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('errors', () => {
  it('refuses to restore over rows, and a damaged backup', async () => {
    const again = await restore(id, { d1Binding: 'DB_RESTORE' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorShape).error.message).toContain('already has rows');
    const manifest = (await (await env.BACKUPS.get(`backups/${id}/manifest.json`))?.json()) as BackupManifest;
    const users = manifest.postgres?.tables.find((entry) => entry.table === 'users');
    await env.BACKUPS.put(users?.key ?? '', '{"id":"forged"}\n');
    const damaged = await restore(id, { postgresSchema: `bk_bad_${suffix}` });
    expect(damaged.status).toBe(409);
    expect(((await damaged.json()) as ErrorShape).error.message).toContain('damaged');
    const schema = await postgres.pool.query('select 1 from pg_namespace where nspname = $1', [`bk_bad_${suffix}`]);
    expect(schema.rowCount).toBe(0);
  });

  it('answers bad requests with 4xx', async () => {
    expect((await restore('2020-01-01T00-00-00-000Z', { d1Binding: 'DB_RESTORE' })).status).toBe(404);
    expect((await restore('latest', { d1Binding: 'DB_RESTORE' })).status).toBe(400);
    expect((await restore(id, {})).status).toBe(400);
    expect((await restore(id, { d1Binding: 'BACKUPS' })).status).toBe(400);
    expect((await restore(id, { postgresSchema: 'Robert"); drop table' })).status).toBe(400);
    expect((await restore(id, { d1Binding: 'DB_RESTORE', extra: 1 })).status).toBe(400);
  });
});

describe('security', () => {
  it('lets only the owner restore, and owners and operators list', async () => {
    const operator = await createKey('operator');
    expect((await restore(id, { d1Binding: 'DB_RESTORE' }, operator)).status).toBe(403);
    expect((await workerFetch('/api/backups', as(operator))).status).toBe(200);
    expect((await workerFetch('/api/backups', as(await createKey('readonly')))).status).toBe(403);
    expect((await workerFetch('/api/backups')).status).toBe(401);
  });
});
