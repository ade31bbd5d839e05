import { sql } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import type { EngagementSubjectKind } from '../db/engagement-schema';

/** What an e-mail event belongs to, with what its totals row is grouped by. */
export interface EmailSubject {
  kind: EngagementSubjectKind;
  id: string;
  channel: string;
  ideaId: string | null;
  sequenceId: string | null;
  format: string;
  postedAt: number;
}

/**
 * The ids a provider's message id may have been stored under. SendGrid's events carry
 * `sg_message_id`, which is the X-Message-Id the send answered with, followed by `.filter…` or
 * `.recvd-…`; the id itself may contain dots, so every prefix ending before a dot is a candidate.
 */
export function storedIdCandidates(messageId: string): string[] {
  const candidates = [messageId];
  for (let dot = messageId.indexOf('.'); dot > 0; dot = messageId.indexOf('.', dot + 1))
    candidates.push(messageId.slice(0, dot));
  return candidates;
}

interface SubjectRow {
  matched: string;
  kind: EngagementSubjectKind;
  id: string;
  channel: string;
  idea_id: string | null;
  sequence_id: string | null;
  posted_at: number | null;
}

// Message ids looked up per query, so the bound list of candidates stays small.
const LOOKUP_CHUNK = 100;

/** Sales sends and newsletter publications holding any of `storedIds`, keyed by the id that matched. */
async function subjectsHolding(db: D1Db, storedIds: string[]): Promise<Map<string, EmailSubject>> {
  const ids = JSON.stringify(storedIds);
  const rows = await db.all<SubjectRow>(sql`
    select s.message_id as matched, 'send' as kind, cast(s.id as text) as id, 'sales_email' as channel,
           null as idea_id, s.sequence_id as sequence_id, coalesce(s.sent_at, s.claimed_at) as posted_at
      from sales_sends s
     where s.message_id in (select value from json_each(${ids}))
    union all
    select r.value, 'publication', p.item_id, p.channel, i.idea_id, null,
           coalesce(i.published_at, p.finished_at, p.claimed_at)
      from content_publications p
      join json_each(p.remote_ids) r
      join content_items i on i.id = p.item_id
     where p.channel = 'newsletter' and r.value in (select value from json_each(${ids}))`);
  return new Map(
    rows.map((row) => [
      row.matched,
      {
        kind: row.kind,
        id: row.id,
        channel: row.channel,
        ideaId: row.idea_id,
        sequenceId: row.sequence_id,
        format: row.kind === 'send' ? 'sales_email' : 'newsletter',
        postedAt: row.posted_at ?? 0,
      },
    ]),
  );
}

/**
 * The sales send or newsletter publication each message id belongs to (absent when neither: an
 * alert e-mail). A newsletter publication keeps one message id per recipient in its remote ids; a
 * sales send keeps its own.
 */
export async function findEmailSubjects(db: D1Db, messageIds: readonly string[]): Promise<Map<string, EmailSubject>> {
  const unique = [...new Set(messageIds)];
  const found = new Map<string, EmailSubject>();
  for (let start = 0; start < unique.length; start += LOOKUP_CHUNK) {
    const chunk = unique.slice(start, start + LOOKUP_CHUNK);
    const byStoredId = await subjectsHolding(db, chunk.flatMap(storedIdCandidates));
    for (const messageId of chunk) {
      const subject = storedIdCandidates(messageId)
        .map((candidate) => byStoredId.get(candidate))
        .find(Boolean);
      if (subject) found.set(messageId, subject);
    }
  }
  return found;
}
