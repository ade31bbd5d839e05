import type { ContentStatus } from '../db/content-schema';

// An approved item is given a slot at once, so `approved` is a step it passes through on the way to
// `scheduled`. A failed item stays eligible: the next posting run retries it, or it is rescheduled.
const moves: Record<ContentStatus, readonly ContentStatus[]> = {
  draft: ['approved', 'rejected'],
  approved: ['scheduled', 'rejected'],
  scheduled: ['scheduled', 'published', 'failed', 'rejected'],
  failed: ['scheduled', 'published', 'failed', 'rejected'],
  published: [],
  rejected: [],
};

export const nextContentStatuses = (status: ContentStatus): ContentStatus[] => [...moves[status]];

export const canMoveContent = (from: ContentStatus, to: ContentStatus) => moves[from].includes(to);
