import { type DurableObjectEntry, PREFIX } from './manifest';
import { NdjsonObjectWriter, readNdjson } from './ndjson-object';
import { type DurableObjectClass, type DurableObjectsPort, type StateDump, UnknownSchemaVersion } from './state-dump';

const LINES_PER_WRITE = 500;

export const durableObjectKey = (backupId: string, objectClass: DurableObjectClass, name: string) =>
  `${PREFIX}${backupId}/durable-objects/${objectClass}/${encodeURIComponent(name)}.ndjson`;

/** Exports every object the port names, one R2 object each. */
export async function exportDurableObjects(
  port: DurableObjectsPort,
  bucket: R2Bucket,
  backupId: string,
): Promise<DurableObjectEntry[]> {
  const entries: DurableObjectEntry[] = [];
  for (const object of await port.objects()) {
    const dump = await port.holder(object.class, object.name).exportState();
    const writer = new NdjsonObjectWriter(bucket, durableObjectKey(backupId, object.class, object.name));
    const lines = Object.entries(dump.tables).flatMap(([table, rows]) =>
      rows.map((row) => JSON.stringify({ table, row })),
    );
    for (let index = 0; index < lines.length; index += LINES_PER_WRITE)
      await writer.write(lines.slice(index, index + LINES_PER_WRITE));
    entries.push({
      class: object.class,
      name: object.name,
      schemaVersion: dump.schemaVersion,
      ...(await writer.close()),
    });
  }
  return entries;
}

async function dumpOf(bucket: R2Bucket, entry: DurableObjectEntry): Promise<StateDump> {
  const dump: StateDump = { schemaVersion: entry.schemaVersion, tables: {} };
  await readNdjson(bucket, entry.key, LINES_PER_WRITE, async (lines) => {
    for (const line of lines) {
      const { table, row } = JSON.parse(line) as { table: string; row: StateDump['tables'][string][number] };
      const rows = dump.tables[table] ?? [];
      rows.push(row);
      dump.tables[table] = rows;
    }
  });
  return dump;
}

export interface DurableObjectsTarget {
  port: DurableObjectsPort;
  /** Put before each object's name: '' restores the live objects, a drill uses a scratch prefix. */
  namePrefix: string;
  resume: boolean;
}

/**
 * Imports each object's rows into the object of the same class named `namePrefix + name`.
 * Every dump's schema version is checked against what this code knows before any is imported (each
 * object checks again as it imports).
 */
export async function restoreDurableObjects(
  bucket: R2Bucket,
  entries: readonly DurableObjectEntry[],
  target: DurableObjectsTarget,
) {
  const knownVersions = target.port.schemaVersions;
  const unknown = entries.filter((entry) => entry.schemaVersion !== knownVersions[entry.class]);
  if (unknown.length > 0)
    throw new UnknownSchemaVersion(
      unknown
        .map(
          (entry) =>
            `${entry.class} ${entry.name} is at schema version ${entry.schemaVersion}, this code knows ${knownVersions[entry.class]}`,
        )
        .join('; '),
    );
  const restored: { class: DurableObjectClass; name: string; rows: number }[] = [];
  for (const entry of entries) {
    const holder = target.port.holder(entry.class, `${target.namePrefix}${entry.name}`);
    const { rows } = await holder.importState(await dumpOf(bucket, entry), { resume: target.resume });
    restored.push({ class: entry.class, name: entry.name, rows });
  }
  return restored;
}
