import type { Pool } from 'pg';
import { reapplyErasures } from '../crm/reapply-erasures';
import { ConflictError } from '../lib/domain-errors';
import { errorMessage } from '../lib/error-message';
import { restoreChroma } from './chroma-backup';
import type { ChromaCollections } from './chroma-collections';
import { restoreD1 } from './d1-backup';
import { type DurableObjectsTarget, restoreDurableObjects } from './durable-objects-backup';
import { type BackupManifest, readManifest } from './manifest';
import { verifyObject } from './ndjson-object';
import { restorePostgres } from './postgres-backup';

export interface RestoreTargets {
  d1?: D1Database;
  /** The live database, whose erasures since the backup the restored copy must honour. */
  erasuresFrom?: D1Database;
  postgres?: { pool: Pool; schema: string };
  durableObjects?: DurableObjectsTarget;
  /** Each collection comes back as `prefix + name`, a new collection. */
  chroma?: { client: ChromaCollections; prefix: string };
}

/** An object differs from its manifest digest, or the backup lacks a part asked for. */
export class DamagedBackup extends ConflictError {}

/** Every object the manifest lists, with its digest. */
export const manifestObjects = (manifest: BackupManifest) => [
  ...manifest.d1.tables,
  ...(manifest.postgres?.tables ?? []),
  ...(manifest.durableObjects ?? []),
  ...(manifest.chroma ?? []),
];

/** Checks every object of the backup against its manifest, then restores into the targets given. */
export async function restoreBackup(bucket: R2Bucket, id: string, targets: RestoreTargets) {
  const manifest = await readManifest(bucket, id);
  if (!manifest) return undefined;
  try {
    for (const entry of manifestObjects(manifest)) await verifyObject(bucket, entry.key, entry.sha256);
  } catch (error) {
    throw new DamagedBackup(errorMessage(error));
  }
  if (targets.postgres && !manifest.postgres) throw new DamagedBackup('This backup holds no Postgres tables');
  if (targets.durableObjects && !manifest.durableObjects)
    throw new DamagedBackup('This backup holds no Durable Objects');
  if (targets.chroma && !manifest.chroma) throw new DamagedBackup('This backup holds no Chroma collections');

  const d1 = targets.d1 ? await restoreD1(targets.d1, bucket, id, manifest.d1) : null;
  if (targets.d1) await reapplyErasures(targets.d1, targets.erasuresFrom);
  const postgres =
    targets.postgres && manifest.postgres
      ? await restorePostgres(targets.postgres.pool, bucket, id, manifest.postgres, targets.postgres.schema)
      : null;
  const durableObjects =
    targets.durableObjects && manifest.durableObjects
      ? await restoreDurableObjects(bucket, manifest.durableObjects, targets.durableObjects)
      : null;
  const chroma =
    targets.chroma && manifest.chroma
      ? await restoreChroma(targets.chroma.client, bucket, manifest.chroma, targets.chroma.prefix)
      : null;
  return { id, manifest, d1, postgres, durableObjects, chroma };
}
