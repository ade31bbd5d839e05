import { lt, sql } from 'drizzle-orm';
import { foldOldLedgerDetail } from '../budget/ledger-rollup';
import type { RetentionSettings } from '../config/workflow-settings';
import { auditLog } from '../db/audit-schema';
import type { D1Db } from '../db/d1';
import { deferredCalls, workflowRuns } from '../db/d1-schema';
import type { PostgresDatabase } from '../db/postgres';

export type { RetentionSettings };

const DAY_MS = 86_400_000;
/** Rows dropped per statement and statements per table per run: short writes, caught up within hours. */
const BATCH = 500;
const MAX_BATCHES = 10;

async function inBatches(drop: () => Promise<number>): Promise<number> {
  let dropped = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const gone = await drop();
    dropped += gone;
    if (gone < BATCH) break;
  }
  return dropped;
}

/**
 * Drops history past its retention: the health check alone writes 288 runs a day; a run's steps
 * are recorded on its row and go with it. Running runs and waiting deferrals are never touched,
 * whatever their age. The spend ledger is not dropped: its old detail is folded into daily sums.
 */
export async function pruneHistory(
  d1: D1Db,
  postgres: PostgresDatabase | undefined,
  retention: RetentionSettings,
  now = Date.now(),
): Promise<{ runs: number; deferrals: number; auditEntries: number; ledgerRowsFolded: number }> {
  const runsBefore = now - retention.runDays * DAY_MS;
  const deferralsBefore = now - retention.deferralDays * DAY_MS;
  const runs = await inBatches(async () => {
    const result = await d1.run(
      sql`delete from ${workflowRuns} where rowid in (select rowid from ${workflowRuns}
        where ${workflowRuns.status} != 'running' and ${workflowRuns.startedAt} < ${runsBefore} limit ${BATCH})`,
    );
    return result.meta.changes ?? 0;
  });
  const deferrals = await inBatches(async () => {
    const result = await d1.run(
      sql`delete from ${deferredCalls} where rowid in (select rowid from ${deferredCalls}
        where ${deferredCalls.status} in ('done', 'failed') and ${deferredCalls.updatedAt} < ${deferralsBefore} limit ${BATCH})`,
    );
    return result.meta.changes ?? 0;
  });
  const auditBefore = new Date(now - retention.auditDays * DAY_MS);
  const auditEntries = postgres
    ? await inBatches(async () => {
        const oldest = postgres
          .select({ id: auditLog.id })
          .from(auditLog)
          .where(lt(auditLog.at, auditBefore))
          .limit(BATCH);
        const gone = await postgres
          .delete(auditLog)
          .where(sql`${auditLog.id} in (${oldest})`)
          .returning({ id: auditLog.id });
        return gone.length;
      })
    : 0;
  const ledgerRowsFolded = postgres ? await foldOldLedgerDetail(postgres, retention.ledgerDetailDays, now) : 0;
  return { runs, deferrals, auditEntries, ledgerRowsFolded };
}
