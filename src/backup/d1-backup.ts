import { ConflictError } from '../lib/domain-errors';
import type { D1Part, TableEntry } from './manifest';
import { objectKey } from './manifest';
import { NdjsonObjectWriter, readNdjson } from './ndjson-object';

const PAGE_ROWS = 500;
// D1 binds at most 100 values per statement; one row per statement, many statements per batch.
const INSERTS_PER_BATCH = 50;

interface MasterRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Tables to copy: not SQLite's or D1's own, and not the shadow tables a virtual table keeps for itself. */
async function schemaOf(db: D1Database) {
  const { results } = await db
    .prepare('select type, name, tbl_name, sql from sqlite_master where sql is not null order by rowid')
    .all<MasterRow>();
  const virtual = results.filter((row) => row.type === 'table' && /^create virtual table/i.test(row.sql ?? ''));
  // Shadow tables are named after their virtual table; a trigger may be too, and is kept.
  const internal = (table: string) =>
    table.startsWith('sqlite_') || table.startsWith('_cf_') || virtual.some((v) => table.startsWith(`${v.name}_`));
  const schema = results.filter((row) => !internal(row.tbl_name) && (row.type !== 'table' || !internal(row.name)));
  const tables = schema.filter((row) => row.type === 'table' && !virtual.includes(row)).map((row) => row.name);
  return { schema, tables: await parentsFirst(db, tables) };
}

/** Orders tables so a table comes after the tables its foreign keys point at (D1 enforces them). */
async function parentsFirst(db: D1Database, tables: string[]): Promise<string[]> {
  const parents = new Map<string, string[]>();
  for (const table of tables) {
    const { results } = await db
      .prepare(`select "table" as parent from pragma_foreign_key_list(?)`)
      .bind(table)
      .all<{ parent: string }>();
    parents.set(
      table,
      results.map((row) => row.parent).filter((parent) => parent !== table && tables.includes(parent)),
    );
  }
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const parent of parents.get(table) ?? []) visit(parent, path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

/** Exports every D1 table as NDJSON, page by page (keyset on rowid, so a page costs the same at any depth). */
export async function exportD1(db: D1Database, bucket: R2Bucket, backupId: string): Promise<D1Part> {
  const { schema, tables } = await schemaOf(db);
  const entries: TableEntry[] = [];
  for (const table of tables) {
    const writer = new NdjsonObjectWriter(bucket, objectKey(backupId, 'd1', table));
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const { results } = await db
        .prepare(`select rowid as "__rowid", * from ${quote(table)} where rowid > ? order by rowid limit ${PAGE_ROWS}`)
        .bind(after)
        .all<Record<string, unknown>>();
      if (results.length === 0) break;
      after = Number(results.at(-1)?.__rowid);
      await writer.write(results.map(({ __rowid, ...row }) => JSON.stringify(row)));
      if (results.length < PAGE_ROWS) break;
    }
    entries.push({ table, ...(await writer.close()) });
  }
  const hasMigrations = tables.includes('d1_migrations');
  const migrations = hasMigrations
    ? (await db.prepare('select name from d1_migrations order by id').all<{ name: string }>()).results.map(
        (row) => row.name,
      )
    : [];
  return { schema: schema.map(({ type, name, sql }) => ({ type, name, sql: sql ?? '' })), migrations, tables: entries };
}

/** A restore target already holds rows or a collection of the name: a restore never overwrites. */
/** Drops every table of a scratch database: virtual tables (with their shadow tables) first, then children before parents. */
export async function emptyD1(db: D1Database): Promise<void> {
  const { schema, tables } = await schemaOf(db);
  const virtual = schema.filter((row) => row.type === 'table' && !tables.includes(row.name)).map((row) => row.name);
  for (const table of [...virtual, ...tables.reverse()]) await db.prepare(`drop table if exists ${quote(table)}`).run();
}

export class RestoreConflict extends ConflictError {}

/**
 * Restores into `target`, which must hold none of the backup's rows: missing tables, indexes and
 * triggers are created from the backup's own schema first, so the virtual tables' triggers fill
 * them again as rows arrive.
 */
export async function restoreD1(target: D1Database, bucket: R2Bucket, backupId: string, part: D1Part) {
  const existing = new Set(
    (await target.prepare('select name from sqlite_master').all<{ name: string }>()).results.map((row) => row.name),
  );
  for (const entry of part.tables) {
    if (!existing.has(entry.table)) continue;
    const row = await target.prepare(`select count(*) as n from ${quote(entry.table)}`).first<{ n: number }>();
    if ((row?.n ?? 0) > 0)
      throw new RestoreConflict(`D1 table ${entry.table} already has rows: restore needs an empty database`);
  }
  for (const item of part.schema) if (!existing.has(item.name)) await target.prepare(item.sql).run();
  const restored: { table: string; rows: number }[] = [];
  for (const entry of part.tables) {
    const rows = await readNdjson(bucket, objectKey(backupId, 'd1', entry.table), PAGE_ROWS, async (lines) => {
      const statements = lines.map((line) => {
        const row = JSON.parse(line) as Record<string, unknown>;
        const columns = Object.keys(row);
        return target
          .prepare(
            `insert into ${quote(entry.table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
          )
          .bind(...columns.map((column) => row[column] ?? null));
      });
      for (let index = 0; index < statements.length; index += INSERTS_PER_BATCH)
        await target.batch(statements.slice(index, index + INSERTS_PER_BATCH));
    });
    restored.push({ table: entry.table, rows });
  }
  return restored;
}
