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
  kind: EngagementSubjectKind;
  id: string;
  channel: string;
  idea_id: string | null;
  sequence_id: string | null;
  posted_at: number | null;
}

/**
 * The sales send or newsletter publication a message id belongs to. A newsletter publication keeps
 * one message id per recipient in its remote ids; a sales send keeps its own.
 */
export async function findEmailSubject(db: D1Db, messageId: string): Promise<EmailSubject | undefined> {
  const ids = JSON.stringify(storedIdCandidates(messageId));
  const [row] = await db.all<SubjectRow>(sql`
    select 'send' as kind, cast(s.id as text) as id, 'sales_email' as channel, null as idea_id,
           s.sequence_id as sequence_id, coalesce(s.sent_at, s.claimed_at) as posted_at
      from sales_sends s
     where s.message_id in (select value from json_each(${ids}))
    union all
    select 'publication', p.item_id, p.channel, i.idea_id, null, coalesce(i.published_at, p.finished_at, p.claimed_at)
      from content_publications p
      join content_items i on i.id = p.item_id
     where p.channel = 'newsletter'
       and exists (select 1 from json_each(p.remote_ids) r where r.value in (select value from json_each(${ids})))
     limit 1`);
  if (!row) return undefined;
  return {
    kind: row.kind,
    id: row.id,
    channel: row.channel,
    ideaId: row.idea_id,
    sequenceId: row.sequence_id,
    format: row.kind === 'send' ? 'sales_email' : 'newsletter',
    postedAt: row.posted_at ?? 0,
  };
}
