import type { Outage } from '../lib/outage';
import type { Logger } from '../observability/logger';
import type { WindowSpec, WindowStore } from './window';

/** Where tokens were booked, so unused ones go back there. */
export interface Booking {
  bucket: number;
  store: WindowStore;
}

/** Tokens drawn ahead, served until `expires`; what is left then goes back to its booking. */
export interface Block extends Booking {
  left: number;
  expires: number;
}

export interface ClientState {
  blocks: Block[];
  /** Requests in the current hold period and in the one before: the client's observed rate. */
  seen: number;
  seenSince: number;
  seenBefore: number;
  /** Draws in flight; a request with no token waits for one rather than drawing beside it. */
  drawing: number;
  /** What the store said was left at the last draw, plus what was handed back since. */
  storeRemaining: number;
  refusedUntil: number;
}

export interface Decision {
  allowed: boolean;
  limit: number;
  /** Requests the client may still make in the window: the store's count plus tokens held here. */
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
  return { blocks: [], seen: 0, seenSince: now, seenBefore: 0, drawing: 0, storeRemaining: limit, refusedUntil: 0 };
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

export const held = (state: ClientState) => state.blocks.reduce((sum, block) => sum + block.left, 0);

export const refused = (spec: WindowSpec, resetAt: number): Decision => ({
  allowed: false,
  limit: spec.limit,
  remaining: 0,
  resetAt,
  release: () => {},
});
