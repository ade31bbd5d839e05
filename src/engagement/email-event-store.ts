import { sql } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { emailEvents, engagementTotals } from '../db/engagement-schema';
import type { EmailEvent } from './email-events';
import { type EmailSubject, findEmailSubject } from './email-subjects';

export interface RecordedEvents {
  /** New events tied to a publication or a send, and counted on it. */
  counted: number;
  /** Events seen before (a redelivery): nothing counted again. */
  duplicates: number;
  /** New events for mail the product did not send as content or sales (an alert), kept uncounted. */
  unmatched: number;
}

/** Makes sure the subject has a totals row, then recounts its e-mail events from the event rows. */
async function recount(db: D1Db, subject: EmailSubject, now: number) {
  await db
    .insert(engagementTotals)
    .values({
      subjectKind: subject.kind,
      subjectId: subject.id,
      channel: subject.channel,
      ideaId: subject.ideaId,
      sequenceId: subject.sequenceId,
      format: subject.format,
      postedAt: subject.postedAt,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .run();
  const count = (kind: string) => sql`(select count(*) from ${emailEvents}
      where subject_kind = ${subject.kind} and subject_id = ${subject.id} and kind = ${kind})`;
  await db.run(sql`update ${engagementTotals}
      set delivered = ${count('delivered')}, opened = ${count('opened')}, clicked = ${count('clicked')},
          bounced = ${count('bounced')}, complained = ${count('complained')}, updated_at = ${now}
    where subject_kind = ${subject.kind} and subject_id = ${subject.id}`);
}

/**
 * Stores each event once by its provider event id and recounts the totals of every subject it
 * touched. Counting from the stored rows, not by increments, makes a run cut off halfway safe to
 * repeat: the redelivery finds its events stored and the recount comes out right.
 */
export async function recordEmailEvents(db: D1Db, events: readonly EmailEvent[], now: number): Promise<RecordedEvents> {
  const result: RecordedEvents = { counted: 0, duplicates: 0, unmatched: 0 };
  const subjects = new Map<string, EmailSubject | undefined>();
  const touched = new Map<string, EmailSubject>();
  for (const event of events) {
    if (!subjects.has(event.messageId)) subjects.set(event.messageId, await findEmailSubject(db, event.messageId));
    const subject = subjects.get(event.messageId);
    const inserted = await db
      .insert(emailEvents)
      .values({
        provider: event.provider,
        eventId: event.eventId,
        messageId: event.messageId,
        kind: event.kind,
        subjectKind: subject?.kind ?? null,
        subjectId: subject?.id ?? null,
        occurredAt: event.occurredAt,
        receivedAt: now,
      })
      .onConflictDoNothing()
      .run();
    if (inserted.meta.changes !== 1) result.duplicates += 1;
    else if (subject) result.counted += 1;
    else result.unmatched += 1;
    if (subject) touched.set(`${subject.kind}:${subject.id}`, subject);
  }
  for (const subject of touched.values()) await recount(db, subject, now);
  return result;
}
