import { and, desc, eq, sql } from 'drizzle-orm';
import {
  type LeadEventKind,
  type LeadRow,
  type LeadStatus,
  leadEvents,
  leads,
  type NewLeadRow,
} from '../db/crm-schema';
import type { D1Db } from '../db/d1';
import { isUniqueViolation } from '../db/unique-violation';
import { scoreLead } from './bant';
import { keepErasedOffMailings } from './erased-addresses';
import { bantColumns, bantInput, type LeadColumns, type LeadInput, toColumns } from './lead-input';
import { canMove, nextStatuses } from './pipeline';

export interface EventDraft {
  kind: LeadEventKind;
  data: Record<string, unknown>;
}

/** Why a score was (re)calculated, kept with it in the score history. */
export type ScoreReason = 'created' | 'imported' | 'updated' | 'requested' | 'enriched';

/** A complete new row, scored, with the events that go with its creation. */
export function newLead(input: LeadInput, now: number, via: 'api' | 'import') {
  const columns = toColumns(input) as LeadColumns;
  const score = scoreLead(bantInput(columns), now);
  const row = {
    ...columns,
    id: crypto.randomUUID(),
    revision: crypto.randomUUID(),
    score: score.total,
    scoreBreakdown: score,
    scoredAt: now,
    createdAt: now,
    updatedAt: now,
  } satisfies NewLeadRow;
  const events: EventDraft[] = [
    { kind: 'created', data: { via, status: row.status } },
    { kind: 'score', data: { ...score, reason: via === 'api' ? 'created' : 'imported' } },
  ];
  return { row, events };
}

export const findLead = (db: D1Db, id: string) => db.select().from(leads).where(eq(leads.id, id)).get();

export const findIdByEmail = (db: D1Db, emailNormalized: string) =>
  db.select({ id: leads.id }).from(leads).where(eq(leads.emailNormalized, emailNormalized)).get();

const recentEventsQuery = (db: D1Db, leadId: string, limit: number) =>
  db.select().from(leadEvents).where(eq(leadEvents.leadId, leadId)).orderBy(desc(leadEvents.id)).limit(limit);

/** A lead and its latest events in one round trip to D1; undefined when there is no such lead. */
export async function findLeadWithEvents(db: D1Db, id: string, limit = 20) {
  const [found, events] = await db.batch([
    db.select().from(leads).where(eq(leads.id, id)).limit(1),
    recentEventsQuery(db, id, limit),
  ]);
  const lead = found[0];
  return lead ? { lead, events } : undefined;
}

export async function addEvent(db: D1Db, leadId: string, event: EventDraft, actor: string | null, at: number) {
  return db
    .insert(leadEvents)
    .values({ leadId, ...event, actor, at })
    .returning()
    .get();
}

export type CreateResult = { ok: true; lead: LeadRow } | { ok: false; existingId: string | undefined };

/** Relies on the unique index, not a prior lookup, so two concurrent creates cannot both win. */
export async function createLead(db: D1Db, input: LeadInput, actor: string, now: number): Promise<CreateResult> {
  const { row, events } = newLead(input, now, 'api');
  try {
    const [inserted] = await db.batch([
      db.insert(leads).values(row).returning(),
      db.insert(leadEvents).values(events.map((event) => ({ leadId: row.id, ...event, actor, at: now }))),
    ]);
    const lead = inserted[0];
    if (!lead) throw new Error('insert returned no row');
    await keepErasedOffMailings(db, [lead.emailNormalized], now);
    return { ok: true, lead };
  } catch (error) {
    if (!isUniqueViolation(error, 'email_normalized')) throw error;
    return { ok: false, existingId: (await findIdByEmail(db, row.emailNormalized))?.id };
  }
}

export type ChangeResult =
  | { ok: true; lead: LeadRow }
  | { ok: false; reason: 'transition'; from: LeadStatus; to: LeadStatus; allowed: LeadStatus[] }
  | { ok: false; reason: 'duplicate'; existingId: string | undefined }
  | { ok: false; reason: 'stale' };

export interface ChangeOptions {
  actor: string | null;
  now: number;
  reason: ScoreReason;
  /** Score even when no BANT input changed (an explicit rescore). */
  rescore?: boolean;
  events?: EventDraft[];
}

/**
 * Applies `patch` to `current`: checks the status move, rescores when a BANT input changed, and
 * writes the row and its events in one batch. The update is guarded on the revision read, and each
 * event is inserted only if the row carries the new revision, so a lost race writes nothing.
 */
export async function changeLead(
  db: D1Db,
  current: LeadRow,
  patch: Partial<LeadColumns>,
  options: ChangeOptions,
): Promise<ChangeResult> {
  const { actor, now } = options;
  const events = [...(options.events ?? [])];
  if (patch.status !== undefined && patch.status !== current.status) {
    if (!canMove(current.status, patch.status)) {
      const allowed = nextStatuses(current.status);
      return { ok: false, reason: 'transition', from: current.status, to: patch.status, allowed };
    }
    events.push({ kind: 'status', data: { from: current.status, to: patch.status } });
  }
  const next = { ...current, ...patch };
  const bantChanged = bantColumns.some((column) => patch[column] !== undefined && patch[column] !== current[column]);
  const scored: Partial<LeadRow> = {};
  if (options.rescore || bantChanged) {
    const score = scoreLead(bantInput(next), now);
    Object.assign(scored, { score: score.total, scoreBreakdown: score, scoredAt: now });
    events.push({ kind: 'score', data: { ...score, reason: options.reason } });
  }
  const revision = crypto.randomUUID();
  const update = db
    .update(leads)
    .set({ ...patch, ...scored, revision, updatedAt: now })
    .where(and(eq(leads.id, current.id), eq(leads.revision, current.revision)))
    .returning();
  // Raw statements cannot go in a drizzle D1 batch (drizzle-orm#2277), hence insert … select.
  const inserts = events.map((event) =>
    db.insert(leadEvents).select(
      sql`select null, ${current.id}, ${event.kind}, ${JSON.stringify(event.data)}, ${actor}, ${now}
        where exists (select 1 from ${leads} where ${leads.id} = ${current.id} and ${leads.revision} = ${revision})`,
    ),
  );
  try {
    const [updated] = await db.batch([update, ...inserts]);
    const lead = updated[0];
    return lead ? { ok: true, lead } : { ok: false, reason: 'stale' };
  } catch (error) {
    if (!isUniqueViolation(error, 'email_normalized') || !next.emailNormalized) throw error;
    return { ok: false, reason: 'duplicate', existingId: (await findIdByEmail(db, next.emailNormalized))?.id };
  }
}
