import type { Outage } from '../lib/outage';
import type { Logger } from '../observability/logger';
import { BUCKETS, bucketMs, type Refund, type WindowSpec, type WindowStore } from './window';

/** Where tokens were booked, so unused ones go back there. */
export interface Booking {
  bucket: number;
  store: WindowStore;
}

/** Tokens drawn ahead, served until `expires`; what is left then is handed back. */
export interface Block extends Booking {
  left: number;
  expires: number;
}

export interface ClientState {
  blocks: Block[];
  /** Unused tokens waiting to go back with the client's next draw from their store. */
  unused: (Refund & { store: WindowStore })[];
  /** Requests in the current hold period and in the one before: the client's observed rate. */
  seen: number;
  seenSince: number;
  seenBefore: number;
  /** Draws in flight; a request with no token waits for one rather than drawing beside it. */
  drawing: number;
  /** What the store said was left at the last draw. */
  storeRemaining: number;
  refusedUntil: number;
}

export interface Decision {
  allowed: boolean;
  limit: number;
  /** Requests the client may still make in the window, as this isolate knows it. */
  remaining: number;
  resetAt: number;
  /** Gives the token back, for a request that should not have counted (see the key gate). */
  release(): void;
}

export interface LimiterScope {
  /** Redis and its outage state; undefined when Redis is not configured. */
  shared?: { store: WindowStore; outage: Outage };
  log: Logger;
  /** Work that may finish after the response (the Worker's waitUntil). */
  background(work: Promise<unknown>): void;
}

/** A busy client draws up to this share of its limit at once (1 to 100 tokens). */
const BLOCK_SHARE = 0.02;
export const maxBlock = (spec: WindowSpec) => Math.max(1, Math.min(100, Math.floor(spec.limit * BLOCK_SHARE)));

export function newState(now: number, limit: number): ClientState {
  return {
    blocks: [],
    unused: [],
    seen: 0,
    seenSince: now,
    seenBefore: 0,
    drawing: 0,
    storeRemaining: limit,
    refusedUntil: 0,
  };
}

/** Counts this request and returns the client's observed rate: requests per hold, at least this one. */
export function observe(state: ClientState, now: number, hold: number): number {
  if (now - state.seenSince >= hold) {
    state.seenBefore = now - state.seenSince < 2 * hold ? state.seen : 0;
    state.seen = 0;
    state.seenSince = now;
  }
  state.seen += 1;
  return Math.max(state.seen, state.seenBefore);
}

/** Marks `tokens` booked in `booking` as unused; they go back with the next draw from its store. */
export function giveBack(state: ClientState, booking: Booking, tokens: number): void {
  const same = state.unused.find((entry) => entry.store === booking.store && entry.bucket === booking.bucket);
  if (same) same.tokens += tokens;
  else state.unused.push({ store: booking.store, bucket: booking.bucket, tokens });
}

/** Ends the holds that are over (their unused tokens to go back) and drops hand-backs to buckets that no longer count. */
export function settle(state: ClientState, spec: WindowSpec, now: number): void {
  for (const block of state.blocks) if (now >= block.expires && block.left > 0) giveBack(state, block, block.left);
  state.blocks = state.blocks.filter((block) => now < block.expires && block.left > 0);
  const oldest = Math.floor(now / bucketMs(spec)) - BUCKETS;
  state.unused = state.unused.filter((entry) => entry.bucket >= oldest);
}

/** Tokens booked for the client but not spent: held here, or owed back to the store. */
export const outstanding = (state: ClientState) =>
  state.blocks.reduce((sum, block) => sum + block.left, 0) + state.unused.reduce((sum, entry) => sum + entry.tokens, 0);

/** The hand-backs owed to `store`, taken out so two concurrent draws never send the same ones. */
export function takeUnused(state: ClientState, store: WindowStore): Refund[] {
  const owed = state.unused.filter((entry) => entry.store === store);
  state.unused = state.unused.filter((entry) => entry.store !== store);
  return owed.map(({ bucket, tokens }) => ({ bucket, tokens }));
}

export const refused = (spec: WindowSpec, resetAt: number): Decision => ({
  allowed: false,
  limit: spec.limit,
  remaining: 0,
  resetAt,
  release: () => {},
});
