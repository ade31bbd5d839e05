import { desc, eq } from 'drizzle-orm';
import { swarmRuns } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';
import type { RunProgress } from './swarm-types';

export type RunIndexRow = typeof swarmRuns.$inferSelect;

export async function indexRun(
  db: PostgresDatabase,
  run: { id: string; task: string; taskVersion: number; total: number; requestedBy: string },
): Promise<void> {
  await db
    .insert(swarmRuns)
    .values({ ...run, status: 'running' })
    .onConflictDoNothing();
}

/** Copies a run's counts into the index (the run's Durable Object stays the source of truth). */
export async function updateRunIndex(db: PostgresDatabase, progress: RunProgress): Promise<void> {
  await db
    .update(swarmRuns)
    .set({
      status: progress.status,
      done: progress.done,
      failed: progress.failed,
      costMicros: progress.costMicros,
      endedAt: progress.endedAt ? new Date(progress.endedAt) : null,
    })
    .where(eq(swarmRuns.id, progress.runId));
}

export async function listRuns(db: PostgresDatabase, limit: number): Promise<RunIndexRow[]> {
  return db.select().from(swarmRuns).orderBy(desc(swarmRuns.createdAt)).limit(limit);
}
