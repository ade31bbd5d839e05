import { and, eq, sql } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { type EmailEventKind, emailEvents, engagementTotals } from '../db/engagement-schema';
import type { EmailEvent } from './email-events';
import { type EmailSubject, findEmailSubjects } from './email-subjects';

export interface RecordedEvents {
  /** New events tied to a publication or a send, and counted on it. */
  counted: number;
  /** Events seen before (a redelivery): nothing counted again. */
  duplicates: number;
  /** New events for mail the product did not send as content or sales (an alert), kept uncounted. */
  unmatched: number;
}

/** The statements that make sure a subject has a totals row and recount its e-mail events from the event rows. */
function recount(db: D1Db, subject: EmailSubject, now: number) {
  const count = (kind: EmailEventKind) => sql<number>`(select count(*) from ${emailEvents}
      where ${emailEvents.subjectKind} = ${subject.kind} and ${emailEvents.subjectId} = ${subject.id}
        and ${emailEvents.kind} = ${kind})`;
  return [
    db
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
      .onConflictDoNothing(),
    db
      .update(engagementTotals)
      .set({
        delivered: count('delivered'),
        opened: count('opened'),
        clicked: count('clicked'),
        bounced: count('bounced'),
        complained: count('complained'),
        updatedAt: now,
      })
      .where(and(eq(engagementTotals.subjectKind, subject.kind), eq(engagementTotals.subjectId, subject.id))),
  ] as const;
}

// Inserts sent to D1 in one round trip: a SendGrid post may carry hundreds of events.
const INSERT_BATCH = 50;

/**
 * Stores each event once by its provider event id and recounts the totals of every subject it
 * touched. Counting from the stored rows, not by increments, makes a run cut off halfway safe to
 * repeat: the redelivery finds its events stored and the recount comes out right.
 */
export async function recordEmailEvents(db: D1Db, events: readonly EmailEvent[], now: number): Promise<RecordedEvents> {
  const result: RecordedEvents = { counted: 0, duplicates: 0, unmatched: 0 };
  const subjects = await findEmailSubjects(
    db,
    events.map((event) => event.messageId),
  );
  const touched = new Map<string, EmailSubject>();
  for (let start = 0; start < events.length; start += INSERT_BATCH) {
    const chunk = events.slice(start, start + INSERT_BATCH);
    const inserts = chunk.map((event) => {
      const subject = subjects.get(event.messageId);
      return db
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
        .onConflictDoNothing();
    });
    const [first, ...rest] = inserts;
    if (!first) continue;
    const outcomes = await db.batch([first, ...rest]);
    chunk.forEach((event, index) => {
      const subject = subjects.get(event.messageId);
      if (outcomes[index]?.meta.changes !== 1) result.duplicates += 1;
      else if (subject) result.counted += 1;
      else result.unmatched += 1;
      if (subject) touched.set(`${subject.kind}:${subject.id}`, subject);
    });
  }
  const subjectsTouched = [...touched.values()];
  for (let start = 0; start < subjectsTouched.length; start += INSERT_BATCH) {
    const statements = subjectsTouched
      .slice(start, start + INSERT_BATCH)
      .flatMap((subject) => recount(db, subject, now));
    const [first, ...rest] = statements;
    if (first) await db.batch([first, ...rest]);
  }
  return result;
}
