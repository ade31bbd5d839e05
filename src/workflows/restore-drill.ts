import { countMismatches, dropScratch, type ScratchTargets } from '../backup/drill-checks';
import { listBackups } from '../backup/manifest';
import { manifestObjects, restoreBackup } from '../backup/restore';
import { bucketOf } from './backup';
import { SkipRun, type WorkflowContext, type WorkflowDefinition } from './types';

/** The drill found the backup unable to rebuild the business. */
export class DrillFailed extends Error {
  override name = 'DrillFailed';
}

/** Scratch names of this run's own: a retried step finds and clears what an earlier attempt left. */
function scratchTargets(context: WorkflowContext): ScratchTargets {
  const port = context.backup;
  if (!port.drillD1) throw new SkipRun('no scratch D1 bound as DB_RESTORE_DRILL');
  const tag = context.runId.replaceAll('-', '').slice(0, 12);
  const pool = port.postgres();
  const chroma = port.chroma();
  return {
    d1: port.drillD1,
    postgres: pool ? { pool, schema: `restore_drill_${tag}` } : undefined,
    durableObjects: { port: port.durableObjects, namePrefix: `restore-drill-${tag}:` },
    chroma: chroma ? { client: chroma, prefix: `restore-drill-${tag}-` } : undefined,
  };
}

interface DrillResult {
  id: string;
  objects: number;
  rows: number;
  parts: string[];
}

/**
 * Weekly: restores the newest finished backup into scratch targets (DB_RESTORE_DRILL, a Postgres
 * schema, Durable Objects and Chroma collections under names of the run's own), checks every
 * object's sha-256 and every part's row counts against the manifest, drops the scratch copies and
 * reports to the owner. A failed drill fails its run, which alerts every sink.
 */
export const restoreDrill: WorkflowDefinition = {
  id: 'restore_drill',
  title: 'Weekly restore drill',
  cron: '0 4 * * 0',
  steps: [
    {
      name: 'restore',
      retries: 1,
      async run(context) {
        const bucket = bucketOf(context.backup);
        const [latest] = await listBackups(bucket, 1);
        if (!latest) throw new SkipRun('no finished backup to restore');
        const targets = scratchTargets(context);
        await dropScratch(targets, latest);
        try {
          const restored = await restoreBackup(bucket, latest.id, {
            d1: targets.d1,
            postgres: latest.postgres ? targets.postgres : undefined,
            durableObjects: latest.durableObjects ? { ...targets.durableObjects, resume: false } : undefined,
            chroma: latest.chroma ? targets.chroma : undefined,
          });
          if (!restored) throw new DrillFailed(`backup ${latest.id} disappeared during the drill`);
          const problems = countMismatches(latest, restored, targets.chroma?.prefix);
          if (problems.length > 0) throw new DrillFailed(`backup ${latest.id} restored short: ${problems.join('; ')}`);
          const parts = Object.entries({ d1: restored.d1, postgres: restored.postgres })
            .filter(([, part]) => part !== null)
            .map(([name]) => name);
          if (restored.durableObjects) parts.push('durable objects');
          if (restored.chroma) parts.push('chroma');
          const objects = manifestObjects(latest);
          const result: DrillResult = {
            id: latest.id,
            objects: objects.length,
            rows: objects.reduce((sum, entry) => sum + entry.rows, 0),
            parts,
          };
          return { output: result, note: `${result.objects} objects, ${result.rows} rows` };
        } finally {
          await dropScratch(targets, latest);
        }
      },
    },
    {
      name: 'report',
      async run(context, outputs) {
        const result = outputs.restore as DrillResult;
        const delivery = await context.notifyOwner(
          [
            `Restore drill passed: backup ${result.id} restored into scratch targets (${result.parts.join(', ')}).`,
            `${result.objects} objects, ${result.rows} rows: every sha-256 and row count matches the manifest.`,
          ].join('\n'),
        );
        return { output: { delivery }, note: `owner ${delivery}` };
      },
    },
  ],
};
