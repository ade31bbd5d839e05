import { singleFlight } from '../lib/single-flight';
import type { SigningKey } from './jwt';

export interface TokenKeySource {
  /** The stored keys, the signing one first, and when they change next. */
  current(): Promise<{ keys: SigningKey[]; nextChangeAt: number | null }>;
}

/** An isolate asks the key store at most this often, and sooner only when the set is due to change. */
const REFRESH_MS = 5 * 60_000;
/** A token naming a key this isolate does not know makes it ask again, at most this often. */
const UNKNOWN_KID_RETRY_MS = 10_000;

let held: { keys: SigningKey[]; until: number; askedAt: number } | undefined;
const shared = singleFlight<SigningKey[]>();

async function refresh(source: TokenKeySource, now: number): Promise<SigningKey[]> {
  return shared('token-keys', async () => {
    const { keys, nextChangeAt } = await source.current();
    held = { keys, until: Math.min(now + REFRESH_MS, nextChangeAt ?? Number.POSITIVE_INFINITY), askedAt: now };
    return keys;
  });
}

/** The stored keys as this isolate holds them; the first one signs. */
export async function storedTokenKeys(source: TokenKeySource, now = Date.now()): Promise<SigningKey[]> {
  if (held && now < held.until) return held.keys;
  return refresh(source, now);
}

/**
 * Keys to verify a token signed with `kid`: the stored ones, asked again when `kid` is new to this
 * isolate (another isolate may have rotated first), plus the configured `pinned` keys.
 */
export async function verificationKeys(
  source: TokenKeySource,
  kid: string | undefined,
  pinned: readonly SigningKey[],
  now = Date.now(),
): Promise<SigningKey[]> {
  if (kid && pinned.some((key) => key.kid === kid)) return [...pinned];
  let keys = await storedTokenKeys(source, now);
  if (kid && !keys.some((key) => key.kid === kid) && held && now - held.askedAt >= UNKNOWN_KID_RETRY_MS) {
    keys = await refresh(source, now);
  }
  return [...keys, ...pinned];
}

export function forgetTokenKeys(): void {
  held = undefined;
}
