import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { type LeadRow, type LeadStatus, leads } from '../db/crm-schema';
import type { D1Db } from '../db/d1';
import { type ListPosition, listCursor, type SearchPosition, searchCursor } from './cursor';
import { ftsQuery } from './fts-query';

export interface LeadFilters {
  status?: LeadStatus;
  source?: string;
  minScore?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Newest first by insertion order, which never changes, so pages neither skip nor repeat rows. */
export async function listLeads(
  db: D1Db,
  filters: LeadFilters,
  limit: number,
  after?: ListPosition,
): Promise<Page<LeadRow>> {
  const rows = await db
    .select()
    .from(leads)
    .where(
      and(
        filters.status ? eq(leads.status, filters.status) : undefined,
        filters.source ? eq(leads.source, filters.source) : undefined,
        filters.minScore !== undefined ? gte(leads.score, filters.minScore) : undefined,
        after ? lt(leads.seq, after.s) : undefined,
      ),
    )
    .orderBy(desc(leads.seq))
    .limit(limit + 1)
    .all();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? listCursor.encode(last.seq) : null };
}

// bm25 weights per column (name, company, email, notes, title, need): a hit in the name or company
// says more about the lead than the same word somewhere in long notes.
const BM25 = sql.raw('bm25(leads_fts, 10.0, 6.0, 4.0, 1.0, 5.0, 2.0)');

export interface SearchHit {
  lead: LeadRow;
  /** bm25 of the hit: lower is a better match. */
  rank: number;
}

/** Full-text search, best match first; ties broken by insertion order so pages are stable. */
export async function searchLeads(
  db: D1Db,
  query: string,
  limit: number,
  after?: SearchPosition,
): Promise<Page<SearchHit>> {
  const match = ftsQuery(query);
  if (!match) return { items: [], nextCursor: null };
  const position = after ? sql`where rank > ${after.r} or (rank = ${after.r} and seq > ${after.s})` : sql``;
  const hits = await db.all<{ seq: number; rank: number }>(sql`
    select seq, rank from (
      select rowid as seq, ${BM25} as rank from leads_fts where leads_fts match ${match}
    ) ${position}
    order by rank, seq
    limit ${limit + 1}`);
  const page = hits.slice(0, limit);
  const rows = page.length
    ? await db
        .select()
        .from(leads)
        .where(
          inArray(
            leads.seq,
            page.map((hit) => hit.seq),
          ),
        )
        .all()
    : [];
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  const items = page.flatMap((hit) => {
    const lead = bySeq.get(hit.seq);
    return lead ? [{ lead, rank: hit.rank }] : [];
  });
  const last = page[page.length - 1];
  return { items, nextCursor: hits.length > limit && last ? searchCursor.encode(last.rank, last.seq) : null };
}
