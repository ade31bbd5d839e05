import { desc, notInArray, sql } from 'drizzle-orm';
import { type LeadRow, type LeadStatus, leadStatuses, leads } from '../db/crm-schema';
import type { D1Db } from '../db/d1';

export interface PipelineSummary {
  counts: Record<LeadStatus, number>;
  total: number;
  /** Open leads (not won or lost), best score first. */
  top: LeadRow[];
}

/** The pipeline at a glance: one grouped count and one indexed top-N read. */
export async function pipelineSummary(db: D1Db, topLimit: number): Promise<PipelineSummary> {
  const [grouped, top] = await Promise.all([
    db.select({ status: leads.status, count: sql<number>`count(*)` }).from(leads).groupBy(leads.status).all(),
    db
      .select()
      .from(leads)
      .where(notInArray(leads.status, ['won', 'lost']))
      .orderBy(desc(leads.score), desc(leads.seq))
      .limit(topLimit)
      .all(),
  ]);
  const counts = Object.fromEntries(leadStatuses.map((status) => [status, 0])) as Record<LeadStatus, number>;
  for (const row of grouped) counts[row.status] = Number(row.count);
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return { counts, total, top };
}
