/** The part of a Redis client a claim needs; Upstash's client fits it. */
export interface ClaimStore {
  set(key: string, value: string, options: { nx: true; ex: number }): Promise<unknown>;
}

export const CLAIM_TTL_SECONDS = 86_400;

/**
 * True for the first caller only: `SET key 1 NX EX ttl` is atomic, so of two concurrent
 * deliveries of one update exactly one gets to do the work.
 */
export async function claimOnce(store: ClaimStore, key: string, ttlSeconds = CLAIM_TTL_SECONDS): Promise<boolean> {
  return (await store.set(key, '1', { nx: true, ex: ttlSeconds })) === 'OK';
}
