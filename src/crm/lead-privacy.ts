import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { type LeadRow, leadEvents, leads } from '../db/crm-schema';
import type { D1Db } from '../db/d1';
import { auditOutbox } from '../db/d1-schema';
import { emailEvents, engagementTotals } from '../db/engagement-schema';
import { conversions, revenueEvents } from '../db/revenue-schema';
import { enrolments, sends, suppressions, unsubscribeTokens } from '../db/sales-schema';
import { addressHash, hashSuppressionStatements, isErased } from './erased-addresses';
import { findLead } from './lead-store';
import { presentLead } from './lead-view';

/** Revenue events name a buyer by e-mail only; the same address in any case is the same person. */
const boughtBy = (emailNormalized: string) => sql`lower(${revenueEvents.buyerEmail}) = ${emailNormalized}`;

/** Sales matched to the lead whatever e-mail they carry (a manual order naming it, a linked sale). */
const salesMatchedTo = (db: D1Db, leadId: string) =>
  db.select({ id: conversions.saleId }).from(conversions).where(eq(conversions.leadId, leadId));

/**
 * Everything the business holds on one lead, for a data subject's access request: the lead and
 * its history, its sequence enrolments and the e-mails sent to it, its purchases, and whether the
 * address is on the do-not-email list.
 */
export async function exportLeadData(db: D1Db, id: string) {
  const lead = await findLead(db, id);
  if (!lead) return undefined;
  const [events, enrolled, sent, purchases, suppressed] = await Promise.all([
    db.select().from(leadEvents).where(eq(leadEvents.leadId, id)).orderBy(asc(leadEvents.id)),
    db.select().from(enrolments).where(eq(enrolments.leadId, id)),
    db.select().from(sends).where(eq(sends.leadId, id)),
    db
      .select()
      .from(revenueEvents)
      .where(or(boughtBy(lead.emailNormalized), inArray(revenueEvents.id, salesMatchedTo(db, id)))),
    db.select().from(suppressions).where(eq(suppressions.emailNormalized, lead.emailNormalized)).get(),
  ]);
  const erasedBefore = suppressed === undefined && (await isErased(db, lead.emailNormalized));
  return {
    lead: presentLead(lead),
    events: events.map(({ leadId: _lead, ...event }) => ({ ...event, at: new Date(event.at).toISOString() })),
    enrolments: enrolled,
    emails: sent,
    purchases,
    doNotEmail: suppressed !== undefined || erasedBefore,
  };
}

/**
 * Erases a lead from D1 in one batch: its row and history, enrolments, sends and unsubscribe link
 * go, the sends with their e-mail events; its purchases stay for the books with the buyer's address removed, and their conversions
 * (the lead's id, segments and source, nothing that names the person) stay so the conversion
 * rates stay true. The address leaves the plain do-not-email list for the hashed one (its opt-out
 * reason kept, else `erased`), so no later import, capture or restore mails it again.
 */
export async function eraseLeadData(db: D1Db, lead: LeadRow, now: number) {
  const email = lead.emailNormalized;
  const optedOut = await db
    .select({ reason: suppressions.reason })
    .from(suppressions)
    .where(eq(suppressions.emailNormalized, email))
    .get();
  const hash = await addressHash(email);
  // What the lead's e-mails earned (opens, clicks) goes with them.
  const theirSends = db
    .select({ id: sql<string>`cast(${sends.id} as text)` })
    .from(sends)
    .where(eq(sends.leadId, lead.id));
  const [events, enrolled, , , sent, tokens, purchases] = await db.batch([
    db.delete(leadEvents).where(eq(leadEvents.leadId, lead.id)),
    db.delete(enrolments).where(eq(enrolments.leadId, lead.id)),
    db.delete(emailEvents).where(and(eq(emailEvents.subjectKind, 'send'), inArray(emailEvents.subjectId, theirSends))),
    db
      .delete(engagementTotals)
      .where(and(eq(engagementTotals.subjectKind, 'send'), inArray(engagementTotals.subjectId, theirSends))),
    db.delete(sends).where(eq(sends.leadId, lead.id)),
    db.delete(unsubscribeTokens).where(eq(unsubscribeTokens.emailNormalized, email)),
    db.update(revenueEvents).set({ buyerEmail: null }).where(boughtBy(email)),
    db.delete(leads).where(eq(leads.id, lead.id)),
    ...hashSuppressionStatements(db, email, hash, optedOut?.reason ?? 'erased', now),
    // Audit entries still waiting for Postgres lose their details as the ones there do.
    db
      .update(auditOutbox)
      .set({ entry: sql`json_set(${auditOutbox.entry}, '$.details', json('{}'))` })
      .where(
        sql`instr(lower(${auditOutbox.entry}), ${lead.id}) > 0 or instr(lower(${auditOutbox.entry}), ${email}) > 0`,
      ),
  ]);
  return {
    events: events.meta.changes ?? 0,
    enrolments: enrolled.meta.changes ?? 0,
    emails: sent.meta.changes ?? 0,
    unsubscribeLinks: tokens.meta.changes ?? 0,
    purchasesAnonymised: purchases.meta.changes ?? 0,
  };
}
