import type { Pool } from '@neondatabase/serverless';
import { reapplyErasures } from '../crm/reapply-erasures';
import { errorMessage } from '../lib/error-message';
import { restoreD1 } from './d1-backup';
import { readManifest } from './manifest';
import { verifyObject } from './ndjson-object';
import { restorePostgres } from './postgres-backup';

export interface RestoreTargets {
  d1?: D1Database;
  /** The live database, whose erasures since the backup the restored copy must honour. */
  erasuresFrom?: D1Database;
  postgres?: { pool: Pool; schema: string };
}

export class DamagedBackup extends Error {
  override name = 'DamagedBackup';
}

/** Checks every object of the backup against its manifest, then restores into the targets given. */
export async function restoreBackup(bucket: R2Bucket, id: string, targets: RestoreTargets) {
  const manifest = await readManifest(bucket, id);
  if (!manifest) return undefined;
  const objects = [...manifest.d1.tables, ...(manifest.postgres?.tables ?? [])];
  try {
    for (const entry of objects) await verifyObject(bucket, entry.key, entry.sha256);
  } catch (error) {
    throw new DamagedBackup(errorMessage(error));
  }
  const d1 = targets.d1 ? await restoreD1(targets.d1, bucket, id, manifest.d1) : null;
  if (targets.d1) await reapplyErasures(targets.d1, targets.erasuresFrom);
  if (targets.postgres && !manifest.postgres) throw new DamagedBackup('This backup holds no Postgres tables');
  const postgres =
    targets.postgres && manifest.postgres
      ? await restorePostgres(targets.postgres.pool, bucket, id, manifest.postgres, targets.postgres.schema)
      : null;
  return { id, d1, postgres };
}
