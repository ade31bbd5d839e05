import type { ContentConfig } from '../config/content-config';
import type { D1Db } from '../db/d1';
import { ConflictError, NotFoundError } from '../lib/domain-errors';
import { listItems } from './item-query';
import { approveItem, findItem } from './item-store';

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

/** A chat's approval: the same move as POST /api/content/items/{id}/approve. */
export async function approveDraft(db: D1Db, slots: ContentConfig['slots'], id: string, actor: string, now: number) {
  const item = await findItem(db, id);
  if (!item) throw new NotFoundError(`No content item ${id}.`);
  const result = await approveItem(db, item, slots[item.channel], actor, now);
  if (!result.ok) {
    if (result.reason === 'transition') throw new ConflictError(`${id} is ${result.from}, not a draft.`);
    throw new ConflictError(`${id} could not be scheduled now; try again.`);
  }
  return {
    id: result.item.id,
    channel: result.item.channel,
    scheduledAt: new Date(result.item.scheduledAt ?? now).toISOString(),
  };
}
