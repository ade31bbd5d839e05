import { exportChroma } from '../backup/chroma-backup';
import { exportD1 } from '../backup/d1-backup';
import { exportDurableObjects } from '../backup/durable-objects-backup';
import {
  type BackupManifest,
  backupId,
  type ChromaEntry,
  type D1Part,
  type DurableObjectEntry,
  manifestKey,
  type PostgresPart,
} from '../backup/manifest';
import { exportPostgres } from '../backup/postgres-backup';
import { pruneBackups } from '../backup/prune';
import { manifestObjects } from '../backup/restore';
import type { BackupPort } from './backup-port';
import { SkipRun, type WorkflowDefinition } from './types';

const rowsOf = (tables: { rows: number }[]) => tables.reduce((sum, table) => sum + table.rows, 0);

export function bucketOf(port: BackupPort): R2Bucket {
  if (!port.bucket) throw new SkipRun('no R2 bucket bound as BACKUPS');
  return port.bucket;
}

/**
 * Nightly: every D1 table, every Postgres table, the Durable Objects that rebuild the budget, the
 * agents and unfinished swarm runs, and every Chroma collection as NDJSON in R2, then the manifest (tables,
 * row counts, sha-256 per object, migration versions, start and end). A backup without a
 * manifest is unfinished and never listed; a retried run writes under the same id. Last, the
 * backups the retention rule (BACKUP_KEEP_*) no longer keeps are deleted.
 */
export const backup: WorkflowDefinition = {
  id: 'backup',
  title: 'Nightly backup',
  cron: '30 2 * * *',
  steps: [
    {
      name: 'd1',
      async run(context) {
        const startedAt = Date.now();
        const part = await exportD1(context.backup.d1, bucketOf(context.backup), backupId(context.tick));
        return { output: { startedAt, part }, note: `${part.tables.length} tables, ${rowsOf(part.tables)} rows` };
      },
    },
    {
      name: 'postgres',
      async run(context) {
        const pool = context.backup.postgres();
        if (!pool) return { output: null, note: 'no Postgres configured' };
        const part = await exportPostgres(
          pool,
          bucketOf(context.backup),
          backupId(context.tick),
          context.backup.postgresSchema,
        );
        return { output: part, note: `${part.tables.length} tables, ${rowsOf(part.tables)} rows` };
      },
    },
    {
      name: 'durable-objects',
      async run(context) {
        const entries = await exportDurableObjects(
          context.backup.durableObjects,
          bucketOf(context.backup),
          backupId(context.tick),
        );
        return { output: entries, note: `${entries.length} objects, ${rowsOf(entries)} rows` };
      },
    },
    {
      name: 'chroma',
      async run(context) {
        const chroma = context.backup.chroma();
        if (!chroma) return { output: null, note: 'no Chroma configured' };
        const entries = await exportChroma(chroma, bucketOf(context.backup), backupId(context.tick));
        return { output: entries, note: `${entries.length} collections, ${rowsOf(entries)} records` };
      },
    },
    {
      name: 'manifest',
      async run(context, outputs) {
        const { startedAt, part } = outputs.d1 as { startedAt: number; part: D1Part };
        const id = backupId(context.tick);
        const manifest: BackupManifest = {
          id,
          format: 'ndjson',
          startedAt: new Date(startedAt).toISOString(),
          endedAt: new Date().toISOString(),
          d1: part,
          postgres: (outputs.postgres as PostgresPart | null) ?? null,
          durableObjects: outputs['durable-objects'] as DurableObjectEntry[],
          chroma: (outputs.chroma as ChromaEntry[] | null) ?? null,
        };
        await bucketOf(context.backup).put(manifestKey(id), JSON.stringify(manifest, null, 2), {
          httpMetadata: { contentType: 'application/json' },
        });
        return { output: { id, objects: manifestObjects(manifest).length } };
      },
    },
    {
      name: 'retention',
      async run(context) {
        const deleted = await pruneBackups(bucketOf(context.backup), context.backup.keep);
        if (deleted.length > 0) context.log.info('old backups deleted', { deleted });
        return { output: { deleted }, note: `${deleted.length} old backups deleted` };
      },
    },
  ],
};
