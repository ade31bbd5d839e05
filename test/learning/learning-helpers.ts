import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { api } from '../content/content-helpers';
import { ownerKey } from '../helpers/keys';
import type { NuggetView } from '../memory/memory-helpers';

const DAY = 86_400_000;

/** `total` leads from `source`, the first `converted` of them with a paid sale a day before `end`. */
export async function leadsFrom(source: string, total: number, converted: number, end: number) {
  const statements = [];
  for (let n = 0; n < total; n += 1) {
    const lead = crypto.randomUUID();
    const email = `${source}-${n}-${end}@example.com`;
    const created = end - 20 * DAY;
    statements.push(
      env.DB.prepare(
        "insert into leads (id, name, email, email_normalized, source, status, revision, created_at, updated_at) values (?, ?, ?, ?, ?, 'new', 'r1', ?, ?)",
      ).bind(lead, email, email, email, source, created, created),
    );
    if (n >= converted) continue;
    const sale = crypto.randomUUID();
    statements.push(
      env.DB.prepare(
        "insert into revenue_events (id, source, external_id, status, amount_micros, currency, product, at, recorded_at, recorded_by) values (?, 'fiverr', ?, 'paid', 50000000, 'USD', 'Audit', ?, ?, 'test')",
      ).bind(sale, `FO-${sale}`, end - DAY, end - DAY),
      env.DB.prepare(
        "insert into conversions (sale_id, lead_id, matched_by, segment_ids, lead_source, sequence_ids, matched_at) values (?, ?, 'email', '[]', ?, '[]', ?)",
      ).bind(sale, lead, source, end - DAY),
    );
  }
  await env.DB.batch(statements);
}

export interface Published {
  channel: string;
  format: string;
  ideaId: string | null;
  postedAt: number;
  impressions?: number;
  likes?: number;
  reposts?: number;
  replies?: number;
  quotes?: number;
  bookmarks?: number;
  delivered?: number;
  opened?: number;
  clicked?: number;
}

/** An idea with this topic; its id. */
export async function ideaAbout(topic: string, at: number): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare("insert into content_ideas (id, topic, origin, created_at) values (?, ?, 'manual', ?)")
    .bind(id, topic, at)
    .run();
  return id;
}

/** Engagement totals of publications, as the read-back leaves them. */
export async function engagementOf(rows: readonly Published[]) {
  await env.DB.batch(
    rows.map((row) =>
      env.DB.prepare(
        `insert into engagement_totals (subject_kind, subject_id, channel, idea_id, format, posted_at, impressions, likes,
           reposts, replies, quotes, bookmarks, delivered, opened, clicked, updated_at)
         values ('publication', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).bind(
        crypto.randomUUID(),
        row.channel,
        row.ideaId,
        row.format,
        row.postedAt,
        row.impressions ?? 0,
        row.likes ?? 0,
        row.reposts ?? 0,
        row.replies ?? 0,
        row.quotes ?? 0,
        row.bookmarks ?? 0,
        row.delivered ?? 0,
        row.opened ?? 0,
        row.clicked ?? 0,
        row.postedAt,
      ),
    ),
  );
}

export interface InsightView {
  area: string;
  dimension: string;
  key: string;
  figures: { hits: number; base: number; rate: number; samples: number; small: boolean; others?: { rate: number } };
  text: string;
}

export async function insights(query = ''): Promise<InsightView[]> {
  const response = await api(`/api/insights${query}`, ownerKey);
  expect(response.status).toBe(200);
  return ((await response.json()) as { insights: InsightView[] }).insights;
}

export async function learningNuggets(): Promise<NuggetView[]> {
  const response = await api('/api/gold-nuggets?tag=learning&limit=50', ownerKey);
  expect(response.status).toBe(200);
  return ((await response.json()) as { latest: NuggetView[] }).latest;
}
