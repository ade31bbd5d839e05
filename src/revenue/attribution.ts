import { and, asc, eq } from 'drizzle-orm';
import { type LeadRow, leads } from '../db/crm-schema';
import type { D1Db } from '../db/d1';
import { enrolments, segments } from '../db/sales-schema';
import { segmentCondition } from '../sales/segment-rules';

export interface Attribution {
  segmentIds: string[];
  leadSource: string | null;
  sequenceIds: string[];
}

/** Lead sources are compared lower-cased, as segment rules compare them. */
export const sourceKey = (source: string | null | undefined) => source?.trim().toLowerCase() || null;

/**
 * Where the lead stands when its sale is matched: the segments whose rules hold it (whatever its
 * pipeline status), its source, and every sequence it was enrolled in.
 */
export async function attributionOf(db: D1Db, lead: LeadRow): Promise<Attribution> {
  const [allSegments, enrolled] = await db.batch([
    db.select({ id: segments.id, rules: segments.rules }).from(segments).orderBy(asc(segments.name)),
    db
      .select({ sequenceId: enrolments.sequenceId })
      .from(enrolments)
      .where(eq(enrolments.leadId, lead.id))
      .orderBy(asc(enrolments.enrolledAt)),
  ]);
  const memberships = await Promise.all(
    allSegments.map(async (segment) => {
      const found = await db
        .select({ id: leads.id })
        .from(leads)
        .where(and(eq(leads.id, lead.id), segmentCondition(segment.rules, { everyStatus: true })))
        .get();
      return found ? segment.id : undefined;
    }),
  );
  return {
    segmentIds: memberships.filter((id): id is string => id !== undefined),
    leadSource: sourceKey(lead.source),
    sequenceIds: enrolled.map((row) => row.sequenceId),
  };
}
