import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { addEvent, changeLead, findLead } from '../crm/lead-store';
import { canMove } from '../crm/pipeline';
import { type LeadRow, leads } from '../db/crm-schema';
import type { D1Db } from '../db/d1';
import {
  type ConversionRow,
  conversions,
  type MatchMethod,
  type RevenueEventRow,
  revenueEvents,
} from '../db/revenue-schema';
import { ConflictError, NotFoundError } from '../lib/domain-errors';
import { attributionOf } from './attribution';

export interface MatchContext {
  /** The client that asked; null when the system matched by e-mail. */
  actor: string | null;
  now: number;
}

const saleFacts = (sale: RevenueEventRow) => ({
  saleId: sale.id,
  source: sale.source,
  orderId: sale.externalId,
  amountMicros: sale.amountMicros,
  currency: sale.currency,
});

/**
 * Moves the lead to won (when the pipeline allows: a lost lead stays lost) with a conversion event.
 * The write is guarded on the lead's revision; a concurrent edit makes it read the lead again.
 */
async function markConverted(db: D1Db, lead: LeadRow, data: Record<string, unknown>, context: MatchContext) {
  let current: LeadRow | undefined = lead;
  for (let attempt = 0; current && attempt < 3; attempt++) {
    const patch = canMove(current.status, 'won') ? { status: 'won' as const } : {};
    const result = await changeLead(db, current, patch, {
      actor: context.actor,
      now: context.now,
      reason: 'updated',
      events: [{ kind: 'conversion', data }],
    });
    if (result.ok || result.reason !== 'stale') return;
    current = await findLead(db, lead.id);
  }
}

/** Records that `lead` bought `sale`, with the attribution of this moment; once per sale. */
export async function convert(
  db: D1Db,
  sale: RevenueEventRow,
  lead: LeadRow,
  matchedBy: MatchMethod,
  context: MatchContext,
): Promise<ConversionRow | undefined> {
  const attribution = await attributionOf(db, lead);
  const inserted = await db
    .insert(conversions)
    .values({
      saleId: sale.id,
      leadId: lead.id,
      matchedBy,
      ...attribution,
      matchedAt: context.now,
      matchedByClient: matchedBy === 'email' ? null : context.actor,
    })
    .onConflictDoNothing()
    .returning()
    .get();
  if (inserted) await markConverted(db, lead, { ...saleFacts(sale), matchedBy, ...attribution }, context);
  return inserted;
}

/**
 * Matches a paid sale not matched yet: to `leadId` when the owner named one, else to the lead
 * with the buyer's e-mail. A sale nobody matches waits in the unmatched list.
 */
export async function matchSale(db: D1Db, sale: RevenueEventRow, context: MatchContext, leadId?: string) {
  if (sale.status !== 'paid') return undefined;
  const matched = await db
    .select({ leadId: conversions.leadId })
    .from(conversions)
    .where(eq(conversions.saleId, sale.id))
    .get();
  if (matched) return undefined;
  if (leadId) {
    const lead = await findLead(db, leadId);
    if (!lead) throw new NotFoundError(`No lead ${leadId}`);
    return convert(db, sale, lead, 'manual', context);
  }
  if (!sale.buyerEmail) return undefined;
  const lead = await db
    .select()
    .from(leads)
    .where(eq(leads.emailNormalized, sale.buyerEmail.normalize('NFC').trim().toLowerCase()))
    .get();
  return lead ? convert(db, sale, lead, 'email', context) : undefined;
}

const unmatchedPaid = and(eq(revenueEvents.status, 'paid'), isNull(conversions.saleId));

/** Paid sales no lead is matched to, newest first. */
export const listUnmatched = (db: D1Db, limit: number) =>
  db
    .select({ sale: revenueEvents })
    .from(revenueEvents)
    .leftJoin(conversions, eq(conversions.saleId, revenueEvents.id))
    .where(unmatchedPaid)
    .orderBy(desc(revenueEvents.at), desc(revenueEvents.id))
    .limit(limit)
    .all()
    .then((rows) => rows.map((row) => row.sale));

/**
 * Matches the unmatched sales whose buyer e-mail now belongs to a lead (after an import, or for
 * one new lead): a sale made before its buyer was entered still converts.
 */
export async function matchWaitingSales(db: D1Db, context: MatchContext, leadId?: string): Promise<number> {
  const waiting = await db
    .select({ sale: revenueEvents, lead: leads })
    .from(revenueEvents)
    .leftJoin(conversions, eq(conversions.saleId, revenueEvents.id))
    .innerJoin(leads, eq(leads.emailNormalized, sql`lower(trim(${revenueEvents.buyerEmail}))`))
    .where(and(unmatchedPaid, isNotNull(revenueEvents.buyerEmail), leadId ? eq(leads.id, leadId) : undefined))
    .orderBy(revenueEvents.at)
    .limit(100)
    .all();
  let matched = 0;
  for (const { sale, lead } of waiting) if (await convert(db, sale, lead, 'email', context)) matched += 1;
  return matched;
}

/** The new lead as it stands once its waiting sales are matched (won, when it bought before). */
export async function matchSalesOfNewLead(db: D1Db, lead: LeadRow, context: MatchContext): Promise<LeadRow> {
  const matched = await matchWaitingSales(db, context, lead.id);
  return matched > 0 ? ((await findLead(db, lead.id)) ?? lead) : lead;
}

export interface LinkResult {
  conversion: ConversionRow;
  /** False when the sale was already linked to this lead. */
  changed: boolean;
}

/**
 * Links a sale to a lead by hand. Linking again to the same lead changes nothing; to another lead
 * it is refused unless `relink` says the first link was wrong.
 */
export async function linkSale(
  db: D1Db,
  input: { saleId: string; leadId: string; relink: boolean },
  context: MatchContext,
): Promise<LinkResult> {
  const [sale, lead, existing] = await Promise.all([
    db.select().from(revenueEvents).where(eq(revenueEvents.id, input.saleId)).get(),
    findLead(db, input.leadId),
    db.select().from(conversions).where(eq(conversions.saleId, input.saleId)).get(),
  ]);
  if (!sale) throw new NotFoundError(`No sale ${input.saleId}`);
  if (!lead) throw new NotFoundError(`No lead ${input.leadId}`);
  if (existing?.leadId === lead.id) return { conversion: existing, changed: false };
  if (sale.status !== 'paid') throw new ConflictError(`Sale ${sale.id} was refunded; a refunded sale is not linked`);
  if (existing) {
    if (!input.relink)
      throw new ConflictError(`Sale ${sale.id} is linked to lead ${existing.leadId}; send relink: true to move it`, {
        leadId: existing.leadId,
      });
    await db.delete(conversions).where(and(eq(conversions.saleId, sale.id), eq(conversions.leadId, existing.leadId)));
    // The old lead may have been erased since; its history then has nowhere to go.
    if (await findLead(db, existing.leadId))
      await addEvent(
        db,
        existing.leadId,
        { kind: 'conversion', data: { ...saleFacts(sale), unlinked: true, movedTo: lead.id } },
        context.actor,
        context.now,
      );
  }
  const conversion = await convert(db, sale, lead, 'linked', context);
  if (!conversion) throw new ConflictError(`Sale ${sale.id} was linked meanwhile; read it again`);
  return { conversion, changed: true };
}

/** A refund leaves the conversion in place (it stops counting) and tells the lead's history. */
export async function noteRefund(db: D1Db, sale: RevenueEventRow, context: MatchContext) {
  const conversion = await db.select().from(conversions).where(eq(conversions.saleId, sale.id)).get();
  if (!conversion || !(await findLead(db, conversion.leadId))) return;
  await addEvent(
    db,
    conversion.leadId,
    { kind: 'conversion', data: { ...saleFacts(sale), refunded: true } },
    context.actor,
    context.now,
  );
}
