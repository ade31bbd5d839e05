import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { erasedAmong } from '../crm/erased-addresses';
import { leads } from '../db/crm-schema';
import type { D1Db } from '../db/d1';
import { enrolments, type SegmentRules, type SequenceRow, suppressions } from '../db/sales-schema';
import { segmentCondition } from './segment-rules';

/** Enrolments made per sequence and call; the rest follow on the next run. */
export const ENROL_BATCH = 500;

// An erased person who came back is on this plain list too (keepErasedOffMailings); the send
// itself checks the hashed list again.
const notSuppressed = sql`${leads.emailNormalized} not in (select ${suppressions.emailNormalized} from ${suppressions})`;
// RFC 2606 reserves .invalid: leads found on X carry <handle>@x.invalid, which no mail can reach.
const deliverable = sql`${leads.emailNormalized} not like '%.invalid'`;
const notEnrolled = (sequenceId: string) =>
  sql`not exists (select 1 from ${enrolments} e where e.lead_id = ${leads.id} and e.sequence_id = ${sequenceId})`;

/**
 * Enrols the segment's leads that are not in the sequence yet, not suppressed and reachable, in one
 * INSERT ... SELECT; the unique (lead, sequence) index makes a concurrent run's inserts no-ops.
 */
export async function enrolMatching(
  db: D1Db,
  sequence: Pick<SequenceRow, 'id'>,
  rules: SegmentRules,
  now: number,
  limit = ENROL_BATCH,
): Promise<number> {
  const where = and(segmentCondition(rules), notSuppressed, deliverable, notEnrolled(sequence.id));
  const result = await db.run(sql`
    insert into ${enrolments} (lead_id, sequence_id, status, next_step, enrolled_at, updated_at)
    select ${leads.id}, ${sequence.id}, 'active', 0, ${now}, ${now} from ${leads}
    where ${where} order by ${leads.seq} limit ${limit}
    on conflict do nothing`);
  return result.meta.changes ?? 0;
}

export interface EnrolLeadsResult {
  enrolled: string[];
  alreadyEnrolled: string[];
  suppressed: string[];
  unknown: string[];
}

/** Enrols named leads whatever the segment says; suppressed addresses are still refused. */
export async function enrolLeads(
  db: D1Db,
  sequenceId: string,
  leadIds: string[],
  now: number,
): Promise<EnrolLeadsResult> {
  const found = await db
    .select({
      id: leads.id,
      email: leads.emailNormalized,
      suppressed: sql<number>`${leads.emailNormalized} in (select ${suppressions.emailNormalized} from ${suppressions})`,
    })
    .from(leads)
    .where(inArray(leads.id, leadIds))
    .all();
  const erased = await erasedAmong(
    db,
    found.map((lead) => lead.email),
  );
  const refused = (lead: (typeof found)[number]) => Boolean(lead.suppressed) || erased.has(lead.email);
  const known = new Set(found.map((lead) => lead.id));
  const suppressed = found.filter(refused).map((lead) => lead.id);
  const candidates = found.filter((lead) => !refused(lead)).map((lead) => lead.id);
  const enrolled: string[] = [];
  const alreadyEnrolled: string[] = [];
  for (const leadId of candidates) {
    const rows = await db
      .insert(enrolments)
      .values({ leadId, sequenceId, status: 'active', nextStep: 0, enrolledAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: enrolments.id })
      .all();
    (rows.length > 0 ? enrolled : alreadyEnrolled).push(leadId);
  }
  return { enrolled, alreadyEnrolled, suppressed, unknown: leadIds.filter((id) => !known.has(id)) };
}

/** Sets an enrolment's status by hand (a reply noticed, a bounce reported). */
export async function setEnrolmentStatus(
  db: D1Db,
  sequenceId: string,
  leadId: string,
  status: 'active' | 'replied' | 'bounced' | 'completed',
  now: number,
) {
  return (
    db
      .update(enrolments)
      .set({ status, updatedAt: now })
      // An unsubscribe is final: no status set by hand brings the address back.
      .where(
        and(
          eq(enrolments.sequenceId, sequenceId),
          eq(enrolments.leadId, leadId),
          ne(enrolments.status, 'unsubscribed'),
        ),
      )
      .returning()
      .get()
  );
}
