import type { Pool } from 'pg';
import type { ChromaCollections } from './chroma-collections';
import { emptyD1 } from './d1-backup';
import type { BackupManifest } from './manifest';
import type { restoreBackup } from './restore';
import type { DurableObjectsPort } from './state-dump';

export type Restored = NonNullable<Awaited<ReturnType<typeof restoreBackup>>>;

/** Where a drill restores to: names of its own, so it never touches a live store. */
export interface ScratchTargets {
  d1: D1Database;
  postgres?: { pool: Pool; schema: string };
  durableObjects: { port: DurableObjectsPort; namePrefix: string };
  chroma?: { client: ChromaCollections; prefix: string };
}

/** Each part's restored row count against the manifest's: every difference, in words. */
export function countMismatches(manifest: BackupManifest, restored: Restored, chromaPrefix = ''): string[] {
  const problems: string[] = [];
  const compare = (part: string, expected: Map<string, number>, actual: Map<string, number> | null) => {
    if (!actual) return;
    for (const [name, rows] of expected) {
      const got = actual.get(name);
      if (got !== rows) problems.push(`${part} ${name}: ${got ?? 'missing'} rows restored, manifest says ${rows}`);
    }
  };
  const byTable = (entries: { table: string; rows: number }[]) => new Map(entries.map((e) => [e.table, e.rows]));
  compare('D1', byTable(manifest.d1.tables), restored.d1 && byTable(restored.d1));
  compare('Postgres', byTable(manifest.postgres?.tables ?? []), restored.postgres && byTable(restored.postgres));
  const objectKey = (entry: { class: string; name: string }) => `${entry.class} ${entry.name}`;
  compare(
    'Durable Object',
    new Map((manifest.durableObjects ?? []).map((entry) => [objectKey(entry), entry.rows])),
    restored.durableObjects && new Map(restored.durableObjects.map((entry) => [objectKey(entry), entry.rows])),
  );
  compare(
    'Chroma',
    new Map((manifest.chroma ?? []).map((entry) => [`${chromaPrefix}${entry.collection}`, entry.rows])),
    restored.chroma && new Map(restored.chroma.map((entry) => [entry.collection, entry.rows])),
  );
  return problems;
}

/** Removes whatever a drill restored (or a failed attempt left): safe to run on clean targets. */
export async function dropScratch(targets: ScratchTargets, manifest: BackupManifest | undefined): Promise<void> {
  await emptyD1(targets.d1);
  if (targets.postgres) await targets.postgres.pool.query(`drop schema if exists "${targets.postgres.schema}" cascade`);
  if (targets.chroma) {
    const { client, prefix } = targets.chroma;
    for (const collection of await client.list())
      if (collection.name.startsWith(prefix)) await client.delete(collection.name);
  }
  const { port, namePrefix } = targets.durableObjects;
  for (const entry of manifest?.durableObjects ?? [])
    await port.holder(entry.class, `${namePrefix}${entry.name}`).eraseState();
}
