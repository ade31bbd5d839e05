import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { bmaEngagements, type EngagementRow, type EngagementStatus, engagementStatuses } from '../db/bma-schema';
import type { D1Db } from '../db/d1';
import { recordEvent } from '../revenue/revenue-store';

/** Forward only, as the work goes; cancelled ends it before invoicing. */
const next: Record<EngagementStatus, EngagementStatus[]> = {
  proposed: ['active', 'cancelled'],
  active: ['completed', 'cancelled'],
  completed: ['invoiced'],
  invoiced: ['paid'],
  paid: [],
  cancelled: [],
};

const fee = z.number().int().min(0).max(1_000_000_000_000_000).describe('Fee in micro-units (1 EUR = 1,000,000)');

export const engagementInputSchema = z
  .object({
    customer: z.string().trim().min(1).max(200),
    site: z.string().trim().min(1).max(300),
    description: z.string().trim().max(2_000).optional(),
    feeMicros: fee,
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
      .default('EUR'),
    status: z.enum(['proposed', 'active']).default('proposed'),
  })
  .strict();

export const engagementPatchSchema = z
  .object({
    customer: z.string().trim().min(1).max(200).optional(),
    site: z.string().trim().min(1).max(300).optional(),
    description: z.string().trim().max(2_000).optional(),
    feeMicros: fee.optional(),
    status: z.enum(engagementStatuses).optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Nothing to change');

export const findEngagement = (db: D1Db, id: string) =>
  db.select().from(bmaEngagements).where(eq(bmaEngagements.id, id)).get();

export const listEngagements = (db: D1Db, status?: EngagementStatus) =>
  db
    .select()
    .from(bmaEngagements)
    .where(status ? eq(bmaEngagements.status, status) : undefined)
    .orderBy(desc(bmaEngagements.createdAt))
    .limit(500)
    .all();

export async function createEngagement(db: D1Db, input: z.output<typeof engagementInputSchema>, now: number) {
  return db
    .insert(bmaEngagements)
    .values({ id: crypto.randomUUID(), ...input, createdAt: now, updatedAt: now })
    .returning()
    .get();
}

export type EngagementChange =
  | { ok: true; row: EngagementRow }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'transition'; from: EngagementStatus; allowed: EngagementStatus[] }
  | { ok: false; reason: 'fee_locked' };

export async function changeEngagement(
  db: D1Db,
  id: string,
  patch: z.output<typeof engagementPatchSchema>,
  now: number,
  actor: string,
): Promise<EngagementChange> {
  const row = await findEngagement(db, id);
  if (!row) return { ok: false, reason: 'missing' };
  const to = patch.status;
  if (to && to !== row.status && !next[row.status].includes(to)) {
    return { ok: false, reason: 'transition', from: row.status, allowed: next[row.status] };
  }
  // Once invoiced the fee is what the customer was billed.
  if (patch.feeMicros !== undefined && patch.feeMicros !== row.feeMicros && ['invoiced', 'paid'].includes(row.status)) {
    return { ok: false, reason: 'fee_locked' };
  }
  const stamps = {
    ...(to === 'invoiced' && row.status !== 'invoiced' ? { invoicedAt: now } : {}),
    ...(to === 'paid' && row.status !== 'paid' ? { paidAt: now } : {}),
  };
  // Guarded on the status read above, so two concurrent moves cannot both apply.
  const updated = await db
    .update(bmaEngagements)
    .set({ ...patch, ...stamps, updatedAt: now })
    .where(and(eq(bmaEngagements.id, id), eq(bmaEngagements.status, row.status)))
    .returning()
    .get();
  if (!updated) return { ok: false, reason: 'transition', from: row.status, allowed: next[row.status] };
  if (updated.status === 'paid' && row.status !== 'paid') {
    // The payment joins the revenue table as a consulting sale, once per engagement, so every
    // revenue report (daily, weekly) counts it without knowing about engagements.
    await recordEvent(db, {
      id: crypto.randomUUID(),
      source: 'consulting',
      externalId: `bma:${updated.id}`,
      status: 'paid',
      amountMicros: updated.feeMicros,
      currency: updated.currency,
      product: `BMA consulting: ${updated.customer}, ${updated.site}`.slice(0, 200),
      at: now,
      recordedAt: now,
      recordedBy: actor,
    });
  }
  return { ok: true, row: updated };
}

export async function deleteEngagement(db: D1Db, id: string): Promise<'deleted' | 'missing' | 'not_proposed'> {
  const row = await findEngagement(db, id);
  if (!row) return 'missing';
  if (row.status !== 'proposed' && row.status !== 'cancelled') return 'not_proposed';
  await db.delete(bmaEngagements).where(eq(bmaEngagements.id, id)).run();
  return 'deleted';
}

export interface ConsultingRevenue {
  /** Paid in the window, per currency, in micro-units. */
  paidMicros: Record<string, number>;
  /** Invoiced in the window and not yet paid. */
  openInvoicedMicros: Record<string, number>;
  paidCount: number;
  pipelineMicros: Record<string, number>;
}

/** Consulting revenue for a window [from, to): what the weekly review reports. */
export async function consultingRevenue(db: D1Db, from: number, to: number): Promise<ConsultingRevenue> {
  const sum = sql<number>`coalesce(sum(${bmaEngagements.feeMicros}), 0)`;
  const count = sql<number>`count(*)`;
  const paid = await db
    .select({ currency: bmaEngagements.currency, total: sum, n: count })
    .from(bmaEngagements)
    .where(and(eq(bmaEngagements.status, 'paid'), gte(bmaEngagements.paidAt, from), lt(bmaEngagements.paidAt, to)))
    .groupBy(bmaEngagements.currency)
    .all();
  const open = await db
    .select({ currency: bmaEngagements.currency, total: sum })
    .from(bmaEngagements)
    .where(eq(bmaEngagements.status, 'invoiced'))
    .groupBy(bmaEngagements.currency)
    .all();
  const pipeline = await db
    .select({ currency: bmaEngagements.currency, total: sum })
    .from(bmaEngagements)
    .where(sql`${bmaEngagements.status} in ('proposed', 'active', 'completed')`)
    .groupBy(bmaEngagements.currency)
    .all();
  const byCurrency = (rows: { currency: string; total: number }[]) =>
    Object.fromEntries(rows.map((row) => [row.currency, row.total]));
  return {
    paidMicros: byCurrency(paid),
    openInvoicedMicros: byCurrency(open),
    paidCount: paid.reduce((total, row) => total + row.n, 0),
    pipelineMicros: byCurrency(pipeline),
  };
}

export const presentEngagement = (row: EngagementRow) => ({
  id: row.id,
  customer: row.customer,
  site: row.site,
  description: row.description,
  feeMicros: row.feeMicros,
  currency: row.currency,
  status: row.status,
  nextStatuses: next[row.status],
  invoicedAt: row.invoicedAt === null ? null : new Date(row.invoicedAt).toISOString(),
  paidAt: row.paidAt === null ? null : new Date(row.paidAt).toISOString(),
  createdAt: new Date(row.createdAt).toISOString(),
  updatedAt: new Date(row.updatedAt).toISOString(),
});
