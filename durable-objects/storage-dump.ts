import { type StateDump, UnknownSchemaVersion } from '../src/backup/state-dump';
import { schemaVersion } from './schema-migrations';

type Row = StateDump['tables'][string][number];

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The rows of `tables`, in rowid order, at the storage's schema version. */
export function dumpTables(storage: DurableObjectStorage, tables: readonly string[]): StateDump {
  const dump: StateDump = { schemaVersion: schemaVersion(storage.sql), tables: {} };
  for (const table of tables)
    dump.tables[table] = storage.sql.exec<Row>(`select * from ${quote(table)} order by rowid`).toArray();
  return dump;
}

/**
 * Replaces the rows of `tables` with the dump's, in one transaction. Rows written at another
 * schema version have another shape, so only a dump of the storage's own version is taken.
 */
export function loadTables(
  storage: DurableObjectStorage,
  className: string,
  tables: readonly string[],
  dump: StateDump,
): { rows: number } {
  const known = schemaVersion(storage.sql);
  if (dump.schemaVersion !== known)
    throw new UnknownSchemaVersion(
      `${className} backup is at schema version ${dump.schemaVersion}; this code restores version ${known} only`,
    );
  const unknown = Object.keys(dump.tables).filter((table) => !tables.includes(table));
  if (unknown.length > 0) throw new UnknownSchemaVersion(`${className} has no table ${unknown.join(', ')} to restore`);
  return storage.transactionSync(() => {
    let rows = 0;
    for (const table of tables) {
      storage.sql.exec(`delete from ${quote(table)}`);
      for (const row of dump.tables[table] ?? []) {
        const columns = Object.keys(row);
        storage.sql.exec(
          `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
          ...columns.map((column) => row[column] ?? null),
        );
        rows += 1;
      }
    }
    return { rows };
  });
}
