// Imports name their .ts files: a local-stack test loads this module in Node as well.
import { BoundedCache } from '../lib/bounded-cache.ts';

/** `limit` requests in any span of `windowMs`, per identifier. */
export interface WindowSpec {
  limit: number;
  windowMs: number;
}

/**
 * The tolerance, stated once. A store books every token in a bucket of 1/BUCKETS of the window
 * and, before granting, counts the buckets from the one `now` falls in back BUCKETS buckets
 * (that span is never shorter than the window) plus any booked ahead. A token is booked no
 * earlier than it is served: one served at once is booked at `now`, one drawn ahead at the end of
 * the hold it may be served in. So no span of `windowMs` ever holds more than `limit` served
 * requests (across isolates, while the store answers); the cost is on the strict side: a booking
 * keeps counting for up to one bucket (window/20) past the window, a token drawn ahead also for
 * the part of its hold it was not used in.
 */
export const BUCKETS = 20;
/** The counted buckets, up to two booked ahead (a hold is at most two buckets), and a spare. */
export const SLOTS = BUCKETS + 4;

export const bucketMs = (spec: WindowSpec) => spec.windowMs / BUCKETS;
/** How long tokens drawn ahead may be served: a second, and never more than a tenth of the window. */
export const holdMs = (spec: WindowSpec) => Math.min(1_000, spec.windowMs / 10);

export interface Draw {
  key: string;
  spec: WindowSpec;
  now: number;
  /** Tokens asked for; when fewer fit, what fits is granted. */
  want: number;
  /** Where a grant is booked: `bookOne` when only one token is granted, else `bookMany`. */
  bookOne: number;
  bookMany: number;
  /** Unused tokens handed back first, to the buckets they were booked in. */
  refunds: Refund[];
}

export interface Refund {
  bucket: number;
  tokens: number;
}

export interface Grant {
  granted: number;
  /** What is left in the window after this grant. */
  remaining: number;
  /** The bucket the grant was booked in, to hand unused tokens back to. */
  bucket: number;
  /** When the oldest counted booking stops counting: the earliest another token can fit. */
  resetAt: number;
}

/** Where bookings live: Redis for every isolate, or this isolate's memory when Redis is down. */
export interface WindowStore {
  take(draw: Draw): Promise<Grant>;
}

interface Slot {
  bucket: number;
  count: number;
}

/** The same arithmetic as the Redis script (redis-window.ts), over one isolate's memory. */
function takeFromRing(ring: (Slot | undefined)[], draw: Draw): Grant {
  const size = bucketMs(draw.spec);
  const current = Math.floor(draw.now / size);
  const oldest = current - BUCKETS;
  for (const refund of draw.refunds) {
    const slot = ring[refund.bucket % SLOTS];
    if (slot?.bucket === refund.bucket) slot.count = Math.max(0, slot.count - refund.tokens);
  }
  let used = 0;
  let first: number | undefined;
  for (const slot of ring) {
    if (!slot || slot.bucket < oldest) continue;
    used += slot.count;
    if (slot.count > 0 && (first === undefined || slot.bucket < first)) first = slot.bucket;
  }
  const granted = Math.max(0, Math.min(draw.want, draw.spec.limit - used));
  let bucket = -1;
  if (granted > 0) {
    bucket = Math.floor((granted === 1 ? draw.bookOne : draw.bookMany) / size);
    const index = bucket % SLOTS;
    const held = ring[index];
    ring[index] = { bucket, count: (held?.bucket === bucket ? held.count : 0) + granted };
    used += granted;
    if (first === undefined || bucket < first) first = bucket;
  }
  return { granted, remaining: draw.spec.limit - used, bucket, resetAt: ((first ?? current) + BUCKETS + 1) * size };
}

/**
 * The fallback while Redis is down: the same limit, enforced by each isolate on its own, for at
 * most MAX_IDENTIFIERS identifiers (the least recently seen are forgotten past that).
 */
export class LocalWindowStore implements WindowStore {
  static readonly MAX_IDENTIFIERS = 10_000;
  private readonly rings = new BoundedCache<string, (Slot | undefined)[]>({
    maxEntries: LocalWindowStore.MAX_IDENTIFIERS,
    ttlMs: 86_400_000,
  });

  async take(draw: Draw): Promise<Grant> {
    const ring = this.rings.get(draw.key, draw.now) ?? Array<Slot | undefined>(SLOTS).fill(undefined);
    const grant = takeFromRing(ring, draw);
    // Kept for a window and a hold past now: by then every booking in it has stopped counting.
    this.rings.set(draw.key, ring, draw.now, draw.spec.windowMs + 2 * holdMs(draw.spec) + bucketMs(draw.spec));
    return grant;
  }

  get size(): number {
    return this.rings.size;
  }
}
