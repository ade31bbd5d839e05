import { and, desc, eq, sql } from 'drizzle-orm';
import { leads } from '../db/crm-schema';
import type { D1Db } from '../db/d1';
import {
  type EnrolmentRow,
  enrolments,
  type SegmentRow,
  type SegmentRules,
  type SequenceRow,
  type SequenceStep,
  segments,
  sends,
  sequences,
} from '../db/sales-schema';
import { isUniqueViolation } from '../db/unique-violation';
import { segmentCondition } from './segment-rules';

export const findSegment = (db: D1Db, id: string) => db.select().from(segments).where(eq(segments.id, id)).get();
export const findSequence = (db: D1Db, id: string) => db.select().from(sequences).where(eq(sequences.id, id)).get();

export const listSegments = (db: D1Db) => db.select().from(segments).orderBy(segments.name).all();
export const listSequences = (db: D1Db) => db.select().from(sequences).orderBy(sequences.name).all();

export type SaveResult<T> = { ok: true; row: T } | { ok: false; reason: 'duplicate_name' };

export async function createSegment(
  db: D1Db,
  input: { name: string; rules: SegmentRules },
  now: number,
): Promise<SaveResult<SegmentRow>> {
  try {
    const row = await db
      .insert(segments)
      .values({ id: crypto.randomUUID(), ...input, createdAt: now, updatedAt: now })
      .returning()
      .get();
    return { ok: true, row };
  } catch (error) {
    if (isUniqueViolation(error, 'name')) return { ok: false, reason: 'duplicate_name' };
    throw error;
  }
}

export async function updateSegment(
  db: D1Db,
  id: string,
  patch: { name?: string; rules?: SegmentRules },
  now: number,
): Promise<SaveResult<SegmentRow> | undefined> {
  try {
    const row = await db
      .update(segments)
      .set({ ...patch, updatedAt: now })
      .where(eq(segments.id, id))
      .returning()
      .get();
    return row ? { ok: true, row } : undefined;
  } catch (error) {
    if (isUniqueViolation(error, 'name')) return { ok: false, reason: 'duplicate_name' };
    throw error;
  }
}

/** Refused while a sequence uses the segment. */
export async function deleteSegment(db: D1Db, id: string): Promise<'deleted' | 'missing' | 'in_use'> {
  const user = await db.select({ id: sequences.id }).from(sequences).where(eq(sequences.segmentId, id)).get();
  if (user) return 'in_use';
  const deleted = await db.delete(segments).where(eq(segments.id, id)).returning().all();
  return deleted.length > 0 ? 'deleted' : 'missing';
}

export async function createSequence(
  db: D1Db,
  input: { name: string; segmentId: string; status: 'active' | 'paused'; steps: SequenceStep[] },
  now: number,
): Promise<SaveResult<SequenceRow>> {
  try {
    const row = await db
      .insert(sequences)
      .values({ id: crypto.randomUUID(), ...input, createdAt: now, updatedAt: now })
      .returning()
      .get();
    return { ok: true, row };
  } catch (error) {
    if (isUniqueViolation(error, 'name')) return { ok: false, reason: 'duplicate_name' };
    throw error;
  }
}

export async function updateSequence(
  db: D1Db,
  id: string,
  patch: { name?: string; status?: 'active' | 'paused'; steps?: SequenceStep[] },
  now: number,
): Promise<SaveResult<SequenceRow> | undefined> {
  try {
    const row = await db
      .update(sequences)
      .set({ ...patch, updatedAt: now })
      .where(eq(sequences.id, id))
      .returning()
      .get();
    return row ? { ok: true, row } : undefined;
  } catch (error) {
    if (isUniqueViolation(error, 'name')) return { ok: false, reason: 'duplicate_name' };
    throw error;
  }
}

/** Deletes the sequence and its enrolments; the send history stays. */
export async function deleteSequence(db: D1Db, id: string): Promise<boolean> {
  const deleted = await db.delete(sequences).where(eq(sequences.id, id)).returning().all();
  return deleted.length > 0;
}

export function segmentMembers(db: D1Db, rules: SegmentRules, limit: number) {
  return db
    .select({
      id: leads.id,
      name: leads.name,
      email: leads.email,
      company: leads.company,
      source: leads.source,
      score: leads.score,
      status: leads.status,
    })
    .from(leads)
    .where(segmentCondition(rules))
    .orderBy(desc(leads.score), leads.seq)
    .limit(limit)
    .all();
}

export async function segmentSize(db: D1Db, rules: SegmentRules): Promise<number> {
  const row = await db.select({ n: sql<number>`count(*)` }).from(leads).where(segmentCondition(rules)).get();
  return row?.n ?? 0;
}

export const enrolmentsOf = (db: D1Db, sequenceId: string, limit: number): Promise<EnrolmentRow[]> =>
  db.select().from(enrolments).where(eq(enrolments.sequenceId, sequenceId)).orderBy(enrolments.id).limit(limit).all();

export const enrolmentsOfLead = (db: D1Db, leadId: string): Promise<EnrolmentRow[]> =>
  db.select().from(enrolments).where(eq(enrolments.leadId, leadId)).orderBy(enrolments.id).all();

export const sendsOf = (db: D1Db, where: { sequenceId?: string; leadId?: string }, limit: number) =>
  db
    .select()
    .from(sends)
    .where(
      and(
        where.sequenceId ? eq(sends.sequenceId, where.sequenceId) : undefined,
        where.leadId ? eq(sends.leadId, where.leadId) : undefined,
      ),
    )
    .orderBy(desc(sends.id))
    .limit(limit)
    .all();
