import { type ContentConfig, postingPlan } from '../config/content-config';
import type { ContentItemRow } from '../db/content-schema';
import type { D1Db } from '../db/d1';
import { approveItem, findItem, type MoveResult, moveItem } from './item-store';

/** What became of one id of an owner's decision on many drafts. */
export type DecisionOutcome =
  | {
      id: string;
      ok: true;
      channel: ContentItemRow['channel'];
      status: ContentItemRow['status'];
      scheduledFor: string | null;
    }
  | { id: string; ok: false; code: 'not_found' | 'conflict'; message: string };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function outcome(id: string, result: MoveResult): DecisionOutcome {
  if (result.ok) {
    const { item } = result;
    return { id, ok: true, channel: item.channel, status: item.status, scheduledFor: iso(item.scheduledAt) };
  }
  if (result.reason === 'transition')
    return { id, ok: false, code: 'conflict', message: `${id} is ${result.from}, not a draft.` };
  if (result.reason === 'no_slot')
    return { id, ok: false, code: 'conflict', message: `${id} found no free posting slot in the next 120 days.` };
  return { id, ok: false, code: 'conflict', message: `${id} changed while it was being decided; try again.` };
}

async function each(
  db: D1Db,
  ids: readonly string[],
  decide: (item: ContentItemRow) => Promise<MoveResult>,
): Promise<DecisionOutcome[]> {
  const outcomes: DecisionOutcome[] = [];
  // One after another, so the items take slots in the order they were given.
  for (const id of [...new Set(ids)]) {
    const item = await findItem(db, id);
    if (!item) outcomes.push({ id, ok: false, code: 'not_found', message: `No content item ${id}.` });
    else if (item.status !== 'draft')
      outcomes.push({ id, ok: false, code: 'conflict', message: `${id} is ${item.status}, not a draft.` });
    else outcomes.push(outcome(id, await decide(item)));
  }
  return outcomes;
}

/** Approves drafts: each takes the next free slot of its channel, past the channel's daily cap on a later day. */
export const approveDrafts = (db: D1Db, content: ContentConfig, ids: readonly string[], actor: string, now: number) =>
  each(db, ids, (item) => approveItem(db, item, postingPlan(content, item.channel), actor, now));

/** Rejects drafts; a rejected item is never posted. */
export const rejectDrafts = (
  db: D1Db,
  ids: readonly string[],
  reason: string | undefined,
  actor: string,
  now: number,
) => each(db, ids, (item) => moveItem(db, item, 'rejected', { actor, now, note: reason ? { reason } : {} }));
