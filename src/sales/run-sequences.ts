import { eq } from 'drizzle-orm';
import { segments, sequences } from '../db/sales-schema';
import { enrolMatching } from './enrol';
import { type SalesDeps, type SendReport, sendDueSteps } from './send-due';

export interface SequencesRunReport extends SendReport {
  enrolled: number;
  sequences: number;
}

/** Enrols new matching leads into every active sequence. */
export async function enrolAll(
  deps: Pick<SalesDeps, 'db'>,
  now: number,
): Promise<{ enrolled: number; sequences: number }> {
  const active = await deps.db
    .select({ sequence: sequences, segment: segments })
    .from(sequences)
    .innerJoin(segments, eq(segments.id, sequences.segmentId))
    .where(eq(sequences.status, 'active'))
    .all();
  let enrolled = 0;
  for (const { sequence, segment } of active) enrolled += await enrolMatching(deps.db, sequence, segment.rules, now);
  return { enrolled, sequences: active.length };
}

/** One pass of the sales engine: enrol, then send what is due. */
export async function runSequences(deps: SalesDeps, now: number): Promise<SequencesRunReport> {
  const enrolment = await enrolAll(deps, now);
  const report = await sendDueSteps(deps, now);
  return { ...report, ...enrolment };
}
