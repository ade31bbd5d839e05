import type { ContentEventRow, ContentItemRow, ContentPublicationRow } from '../db/content-schema';
import { nextContentStatuses } from './lifecycle';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentPublication(row: ContentPublicationRow) {
  return {
    state: row.state,
    // A dry run sent nothing: it has no remote id, and says so.
    dryRun: row.dryRun,
    remoteIds: row.remoteIds,
    url: row.url,
    error: row.error,
    claimedAt: iso(row.claimedAt),
    finishedAt: iso(row.finishedAt),
  };
}

export function presentItem(row: ContentItemRow, publication?: ContentPublicationRow) {
  return {
    id: row.id,
    ideaId: row.ideaId,
    channel: row.channel,
    status: row.status,
    nextStatuses: nextContentStatuses(row.status),
    body: row.body,
    scheduledAt: iso(row.scheduledAt),
    publishedAt: iso(row.publishedAt),
    attempts: row.attempts,
    lastError: row.lastError,
    publication: publication ? presentPublication(publication) : null,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export type ContentItemView = ReturnType<typeof presentItem>;

export const presentContentEvent = (row: ContentEventRow) => ({
  id: row.id,
  kind: row.kind,
  data: row.data,
  actor: row.actor,
  at: iso(row.at),
});
