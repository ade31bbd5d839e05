import type { Pool, PoolClient } from 'pg';
import { RestoreConflict } from './d1-backup';
import { objectKey, type PostgresPart, type TableEntry } from './manifest';
import { NdjsonObjectWriter, readNdjson } from './ndjson-object';

const FETCH_ROWS = 1_000;
const INSERT_ROWS = 500;
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function tablesOf(client: PoolClient, schema: string): Promise<string[]> {
  // Parents before children, so a restore into a migrated schema satisfies its foreign keys.
  const { rows } = await client.query<{ name: string; parents: string[] }>(
    `select c.relname as name,
            coalesce(array_agg(p.relname) filter (where p.relname is not null and p.oid <> c.oid), '{}') as parents
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       left join pg_constraint k on k.conrelid = c.oid and k.contype = 'f'
       left join pg_class p on p.oid = k.confrelid
      where n.nspname = $1 and c.relkind = 'r'
      group by c.relname order by c.relname`,
    [schema],
  );
  const parents = new Map(rows.map((row) => [row.name, row.parents]));
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table) || !parents.has(table)) return;
    path.add(table);
    for (const parent of parents.get(table) ?? []) visit(parent, path);
    ordered.push(table);
  };
  for (const row of rows) visit(row.name, new Set());
  return ordered;
}

async function migrationsOf(client: PoolClient): Promise<PostgresPart['migrations']> {
  const exists = await client.query<{ found: string | null }>(
    `select to_regclass('drizzle.__drizzle_migrations')::text as found`,
  );
  if (!exists.rows[0]?.found) return { count: 0, lastHash: null, lastAt: null };
  const { rows } = await client.query<{ count: string; hash: string | null; at: string | null }>(
    `select (select count(*) from drizzle.__drizzle_migrations)::text as count, hash, created_at::text as at
       from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  const row = rows[0];
  return { count: Number(row?.count ?? 0), lastHash: row?.hash ?? null, lastAt: row?.at ? Number(row.at) : null };
}

/**
 * Exports every table of `schema` as NDJSON from one read-only snapshot (repeatable read), through
 * cursors: Postgres writes each row as JSON (row_to_json) and the rows stream out a page at a time.
 */
export async function exportPostgres(
  pool: Pool,
  bucket: R2Bucket,
  backupId: string,
  schema: string,
): Promise<PostgresPart> {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const tables = await tablesOf(client, schema);
    const entries: TableEntry[] = [];
    for (const table of tables) {
      const writer = new NdjsonObjectWriter(bucket, objectKey(backupId, 'postgres', table));
      await client.query(
        `declare backup_rows no scroll cursor for select row_to_json(t)::text as line from ${quote(schema)}.${quote(table)} t`,
      );
      for (;;) {
        const { rows } = await client.query<{ line: string }>(`fetch ${FETCH_ROWS} from backup_rows`);
        await writer.write(rows.map((row) => row.line));
        if (rows.length < FETCH_ROWS) break;
      }
      await client.query('close backup_rows');
      entries.push({ table, ...(await writer.close()) });
    }
    const migrations = await migrationsOf(client);
    await client.query('commit');
    return { schema, migrations, tables: entries };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Restores into `target` in one transaction. A schema that does not exist is created with each
 * table shaped like the backed-up schema's (columns, defaults, constraints, indexes); an existing
 * one (e.g. freshly migrated) must have the tables, empty. Rows go back through
 * jsonb_populate_recordset, the inverse of the row_to_json that wrote them.
 */
export async function restorePostgres(
  pool: Pool,
  bucket: R2Bucket,
  backupId: string,
  part: PostgresPart,
  target: string,
) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const exists = await client.query('select 1 from pg_namespace where nspname = $1', [target]);
    if (exists.rowCount === 0) {
      await client.query(`create schema ${quote(target)}`);
      for (const entry of part.tables)
        await client.query(
          `create table ${quote(target)}.${quote(entry.table)} (like ${quote(part.schema)}.${quote(entry.table)} including defaults including constraints including indexes)`,
        );
    } else {
      for (const entry of part.tables) {
        const { rows } = await client.query<{ found: boolean }>(
          `select exists (select 1 from ${quote(target)}.${quote(entry.table)}) as found`,
        );
        if (rows[0]?.found) throw new RestoreConflict(`Postgres table ${target}.${entry.table} already has rows`);
      }
    }
    const restored: { table: string; rows: number }[] = [];
    for (const entry of part.tables) {
      const name = `${quote(target)}.${quote(entry.table)}`;
      const rows = await readNdjson(
        bucket,
        objectKey(backupId, 'postgres', entry.table),
        INSERT_ROWS,
        async (lines) => {
          await client.query(`insert into ${name} select * from jsonb_populate_recordset(null::${name}, $1::jsonb)`, [
            `[${lines.join(',')}]`,
          ]);
        },
      );
      restored.push({ table: entry.table, rows });
    }
    await client.query('commit');
    return restored;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
