import { ApiError } from './api';
import type { ApiKey } from './types';

const DAY_MS = 86_400_000;
/** An active key this close to its expiry is flagged, so the owner rotates it in time. */
const EXPIRING_WITHIN_MS = 7 * DAY_MS;

export type KeyShownState = 'active' | 'expiring' | 'rotated' | 'expired' | 'revoked';

/**
 * The API's state (active, expired, revoked) refined for the owner: a replaced key is `rotated`
 * (still valid until its grace period ends) and an active one near its expiry is `expiring`.
 */
export function shownState(key: ApiKey, now = Date.now()): KeyShownState {
  if (key.state === 'revoked') return 'revoked';
  if (key.replacedBy) return 'rotated';
  if (key.state === 'expired') return 'expired';
  if (key.expiresAt && Date.parse(key.expiresAt) - now <= EXPIRING_WITHIN_MS) return 'expiring';
  return 'active';
}

/** Revoking stops a key at once; an already rotated key may still be revoked before its grace ends. */
export const mayRevoke = (key: ApiKey) => key.state === 'active';
export const mayRotate = (key: ApiKey) => key.state === 'active' && !key.replacedBy;

/** What the panel says when a key route fails: the API's own words, with the field it refused. */
export function keyErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return `Only the owner manages API keys: ${error.message}`;
    if (error.status === 404) return `No such key (revoked or removed elsewhere): ${error.message}`;
    return error.param && !error.message.includes(error.param) ? `${error.param}: ${error.message}` : error.message;
  }
  // fetch rejects with a TypeError when the request never got an answer.
  if (error instanceof TypeError) return `Could not reach the API: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
