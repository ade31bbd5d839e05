import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { swarmRuns } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';
import type { RunProgress, RunStatus } from './swarm-types';

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

// Where a status stands in a run's life: a run only moves forward, and an ended status is final.
const stage = (status: RunStatus) => (status === 'running' ? 0 : status === 'reducing' ? 1 : 2);
const storedStage = sql`case ${swarmRuns.status} when 'running' then 0 when 'reducing' then 1 else 2 end`;

/**
 * Copies a run's figures into the index (the run's Durable Object stays the source of truth).
 * Idempotent and safe to apply out of order: the status only moves forward, and counts and cost
 * only grow, so a late copy of older figures changes nothing.
 */
export async function updateRunIndex(db: PostgresDatabase, progress: RunProgress): Promise<void> {
  await db
    .update(swarmRuns)
    .set({
      status: progress.status,
      done: sql`greatest(${swarmRuns.done}, ${progress.done})`,
      failed: sql`greatest(${swarmRuns.failed}, ${progress.failed})`,
      costMicros: sql`greatest(${swarmRuns.costMicros}, ${progress.costMicros})`,
      ...(progress.endedAt ? { endedAt: new Date(progress.endedAt) } : {}),
    })
    .where(
      and(
        eq(swarmRuns.id, progress.runId),
        or(eq(swarmRuns.status, progress.status), lt(storedStage, stage(progress.status))),
      ),
    );
}

/** The newest runs; only those `requestedBy` started when it is given. */
export async function listRuns(db: PostgresDatabase, limit: number, requestedBy?: string): Promise<RunIndexRow[]> {
  return db
    .select()
    .from(swarmRuns)
    .where(requestedBy === undefined ? undefined : eq(swarmRuns.requestedBy, requestedBy))
    .orderBy(desc(swarmRuns.createdAt))
    .limit(limit);
}

/** Every run the index shows not ended, oldest first: what a backup must be able to carry on. */
export async function unfinishedRunIds(db: PostgresDatabase): Promise<string[]> {
  const rows = await db
    .select({ id: swarmRuns.id })
    .from(swarmRuns)
    .where(inArray(swarmRuns.status, ['running', 'reducing']))
    .orderBy(swarmRuns.createdAt);
  return rows.map((row) => row.id);
}
