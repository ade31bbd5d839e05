import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { leadEvents, leads } from '../db/crm-schema';
import type { D1Db } from '../db/d1';
import { emailEvents, engagementTotals } from '../db/engagement-schema';
import { revenueEvents } from '../db/revenue-schema';
import { enrolments, sends, suppressions, unsubscribeTokens } from '../db/sales-schema';
import { findLead } from './lead-store';
import { presentLead } from './lead-view';

/** Revenue events name a buyer by e-mail only; the same address in any case is the same person. */
const boughtBy = (emailNormalized: string) => sql`lower(${revenueEvents.buyerEmail}) = ${emailNormalized}`;

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
    db.select().from(revenueEvents).where(boughtBy(lead.emailNormalized)),
    db.select().from(suppressions).where(eq(suppressions.emailNormalized, lead.emailNormalized)).get(),
  ]);
  return {
    lead: presentLead(lead),
    events: events.map(({ leadId: _lead, ...event }) => ({ ...event, at: new Date(event.at).toISOString() })),
    enrolments: enrolled,
    emails: sent,
    purchases,
    doNotEmail: suppressed !== undefined,
  };
}

/**
 * Erases a lead: its row and history, enrolments, sends (with their e-mail events) and
 * unsubscribe link go; its purchases stay for the books with the buyer's address removed. The address stays on the do-not-email
 * list when it was there: that is the record of the person's own opt-out, kept so that no later
 * import mails them again.
 */
export async function eraseLeadData(db: D1Db, id: string) {
  const lead = await findLead(db, id);
  if (!lead) return undefined;
  // What the lead's e-mails earned (opens, clicks) goes with them.
  const theirSends = db
    .select({ id: sql<string>`cast(${sends.id} as text)` })
    .from(sends)
    .where(eq(sends.leadId, id));
  const [events, enrolled, , , sent, tokens, purchases] = await db.batch([
    db.delete(leadEvents).where(eq(leadEvents.leadId, id)),
    db.delete(enrolments).where(eq(enrolments.leadId, id)),
    db.delete(emailEvents).where(and(eq(emailEvents.subjectKind, 'send'), inArray(emailEvents.subjectId, theirSends))),
    db
      .delete(engagementTotals)
      .where(and(eq(engagementTotals.subjectKind, 'send'), inArray(engagementTotals.subjectId, theirSends))),
    db.delete(sends).where(eq(sends.leadId, id)),
    db.delete(unsubscribeTokens).where(eq(unsubscribeTokens.emailNormalized, lead.emailNormalized)),
    db.update(revenueEvents).set({ buyerEmail: null }).where(boughtBy(lead.emailNormalized)),
    db.delete(leads).where(eq(leads.id, id)),
  ]);
  return {
    events: events.meta.changes ?? 0,
    enrolments: enrolled.meta.changes ?? 0,
    emails: sent.meta.changes ?? 0,
    unsubscribeLinks: tokens.meta.changes ?? 0,
    purchasesAnonymised: purchases.meta.changes ?? 0,
  };
}
