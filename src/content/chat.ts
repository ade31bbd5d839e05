import type { D1Db } from '../db/d1';
import { listItems } from './item-query';

const PREVIEW = 90;

function preview(body: Record<string, unknown>): string {
  const first = Array.isArray(body.posts) ? body.posts[0] : (body.title ?? body.subject ?? body.text);
  const text = String(first ?? '').replace(/\s+/g, ' ');
  return text.length > PREVIEW ? `${text.slice(0, PREVIEW - 1)}…` : text;
}

/** The drafts a chat lists for approval. */
export async function draftLines(db: D1Db, limit: number) {
  const page = await listItems(db, { status: 'draft' }, limit);
  return page.items.map((item) => ({ id: item.id, channel: item.channel, preview: preview(item.body) }));
}
