import { env } from 'cloudflare:workers';
import { inArray } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/audit-schema';
import * as d1Schema from '../../src/db/d1-schema';
import { deferredCalls, workflowRuns } from '../../src/db/d1-schema';
import { openPostgres } from '../../src/db/postgres';
import { pruneHistory } from '../../src/workflows/retention';

const DAY = 86_400_000;
const d1 = drizzle(env.DB, { schema: d1Schema });
const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
afterAll(() => postgres.close());

const retention = { runDays: 30, deferralDays: 30, auditDays: 365, ledgerDetailDays: 180 };

function run(status: 'running' | 'succeeded' | 'failed', ageDays: number) {
  const id = crypto.randomUUID();
  const startedAt = Date.now() - ageDays * DAY;
  return { id, workflow: 'health_check', trigger: 'cron' as const, idempotencyKey: id, status, startedAt };
}

function deferral(status: 'waiting' | 'done' | 'failed', ageDays: number) {
  const at = Date.now() - ageDays * DAY;
  return {
    id: crypto.randomUUID(),
    request: {},
    refusal: {},
    status,
    notBefore: at,
    createdAt: at,
    updatedAt: at,
  };
}

describe('history past its retention', () => {
  it('drops old finished runs, deferrals and audit entries, and keeps the running, the waiting and the recent', async () => {
    const runs = [run('succeeded', 31), run('failed', 45), run('running', 60), run('succeeded', 29)];
    await d1.insert(workflowRuns).values(runs);
    const deferrals = [deferral('done', 31), deferral('failed', 40), deferral('waiting', 90), deferral('done', 2)];
    await d1.insert(deferredCalls).values(deferrals);
    const entry = (ageDays: number) => ({
      entryId: crypto.randomUUID(),
      at: new Date(Date.now() - ageDays * DAY),
      actorKind: 'system',
      actorId: 'retention-test',
      action: 'test.retention',
      outcome: 'ok',
    });
    const entries = [entry(400), entry(366), entry(10)];
    await postgres.db.insert(auditLog).values(entries);

    const dropped = await pruneHistory(d1, postgres.db, retention);
    expect(dropped.runs).toBeGreaterThanOrEqual(2);
    expect(dropped.deferrals).toBeGreaterThanOrEqual(2);
    expect(dropped.auditEntries).toBeGreaterThanOrEqual(2);

    const keptRuns = await d1
      .select({ id: workflowRuns.id })
      .from(workflowRuns)
      .where(
        inArray(
          workflowRuns.id,
          runs.map((r) => r.id),
        ),
      );
    expect(keptRuns.map((r) => r.id).sort()).toEqual([runs[2]?.id, runs[3]?.id].sort());
    const keptDeferrals = await d1
      .select({ id: deferredCalls.id })
      .from(deferredCalls)
      .where(
        inArray(
          deferredCalls.id,
          deferrals.map((d) => d.id),
        ),
      );
    expect(keptDeferrals.map((d) => d.id).sort()).toEqual([deferrals[2]?.id, deferrals[3]?.id].sort());
    const keptAudit = await postgres.db
      .select({ entryId: auditLog.entryId })
      .from(auditLog)
      .where(
        inArray(
          auditLog.entryId,
          entries.map((e) => e.entryId),
        ),
      );
    expect(keptAudit.map((e) => e.entryId)).toEqual([entries[2]?.entryId]);

    // Nothing is left to drop: a second run changes nothing of these.
    const again = await pruneHistory(d1, postgres.db, retention);
    expect(again.runs + again.deferrals).toBe(0);
  });
});
