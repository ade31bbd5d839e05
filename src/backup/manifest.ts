import type { WrittenObject } from './ndjson-object';
import type { DurableObjectClass } from './state-dump';

export interface TableEntry extends WrittenObject {
  table: string;
}

export interface D1Part {
  /** Creation statements from sqlite_master, in creation order (tables, indexes, triggers, virtual tables). */
  schema: { type: string; name: string; sql: string }[];
  /** Applied migrations, from d1_migrations. */
  migrations: string[];
  tables: TableEntry[];
}

export interface PostgresPart {
  schema: string;
  /** drizzle's applied migrations: how many, and the newest one's hash and time. */
  migrations: { count: number; lastHash: string | null; lastAt: number | null };
  tables: TableEntry[];
}

/** One Durable Object: its rows as NDJSON lines `{ "table": …, "row": … }`. */
export interface DurableObjectEntry extends WrittenObject {
  class: DurableObjectClass;
  name: string;
  schemaVersion: number;
}

/** One Chroma collection: one NDJSON line per record (id, document, metadata, embedding). */
export interface ChromaEntry extends WrittenObject {
  collection: string;
  metadata: Record<string, unknown> | null;
  /** The distance its index uses (cosine, l2, ip). */
  space: string | null;
}

export interface BackupManifest {
  id: string;
  format: 'ndjson';
  startedAt: string;
  endedAt: string;
  d1: D1Part;
  postgres: PostgresPart | null;
  /** The budget ledger, every agent and the swarm runs not ended; absent in backups made before they were kept. */
  durableObjects?: DurableObjectEntry[];
  /** Chroma's collections; null without Chroma, absent in older backups. */
  chroma?: ChromaEntry[] | null;
}

export const PREFIX = 'backups/';
export const objectKey = (backupId: string, store: 'd1' | 'postgres', table: string) =>
  `${PREFIX}${backupId}/${store}/${table}.ndjson`;
export const manifestKey = (backupId: string) => `${PREFIX}${backupId}/manifest.json`;

/** A backup id from its tick: sortable, and the same for a retried run so objects are reused. */
export const backupId = (tick: number) => new Date(tick).toISOString().replace(/[:.]/g, '-');
export const BACKUP_ID = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;

export async function readManifest(bucket: R2Bucket, id: string): Promise<BackupManifest | undefined> {
  const object = await bucket.get(manifestKey(id));
  return object ? ((await object.json()) as BackupManifest) : undefined;
}

/** The id of every backup in the bucket, finished (manifest written) or not. */
export async function backupIds(bucket: R2Bucket): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: PREFIX, delimiter: '/', cursor });
    ids.push(...page.delimitedPrefixes.map((prefix) => prefix.slice(PREFIX.length, -1)));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return ids.filter((id) => BACKUP_ID.test(id));
}

/** The newest backups that finished (wrote their manifest), newest first. */
export async function listBackups(bucket: R2Bucket, limit: number): Promise<BackupManifest[]> {
  const newest = (await backupIds(bucket)).sort().reverse();
  const manifests: BackupManifest[] = [];
  for (const id of newest) {
    if (manifests.length >= limit) break;
    const manifest = await readManifest(bucket, id);
    if (manifest) manifests.push(manifest);
  }
  return manifests;
}
