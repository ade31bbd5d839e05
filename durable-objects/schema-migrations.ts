/**
 * One step of an object's SQLite schema. Steps are applied in order, each once, and never
 * edited after they ship: a change is a new step at the end of the list.
 */
export type SchemaMigration = (sql: SqlStorage) => void;

const VERSION_TABLE = `
  create table if not exists schema_version (
    id integer primary key check (id = 1), version integer not null, migrated_at integer not null)`;

export class SchemaTooNewError extends Error {
  constructor(className: string, stored: number, known: number) {
    super(
      `${className} storage is at schema version ${stored}, newer than this code's ${known}; deploy the newer code`,
    );
  }
}

/** The schema version an object's storage is at; 0 for storage written before versions were kept. */
export function schemaVersion(sql: SqlStorage): number {
  sql.exec(VERSION_TABLE);
  const row = sql.exec<{ version: number }>('select version from schema_version where id = 1').toArray()[0];
  return row?.version ?? 0;
}

/**
 * Brings an object's storage up to the last of `migrations`, atomically: either every pending step
 * and the new version are stored, or none. The first step of each object creates its tables with
 * `if not exists`, so storage from before versions were kept (version 0) passes through it unchanged.
 * Returns the version the storage is at.
 */
export function migrateSchema(
  storage: DurableObjectStorage,
  className: string,
  migrations: readonly SchemaMigration[],
): number {
  return storage.transactionSync(() => {
    const from = schemaVersion(storage.sql);
    if (from > migrations.length) throw new SchemaTooNewError(className, from, migrations.length);
    for (const migrate of migrations.slice(from)) migrate(storage.sql);
    if (from < migrations.length)
      storage.sql.exec(
        'insert into schema_version values (1, ?, ?) on conflict (id) do update set version = excluded.version, migrated_at = excluded.migrated_at',
        migrations.length,
        Date.now(),
      );
    return migrations.length;
  });
}
