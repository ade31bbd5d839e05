import { TOKEN_TTL_SECONDS } from './jwt';

/** A token-signing key with the time it started signing and, once replaced, when it stopped. */
export interface StoredSigningKey {
  kid: string;
  secret: string;
  createdAt: number;
  retiredAt: number | null;
}

const DAY_MS = 86_400_000;
/** Signing keys are replaced this often, as the requirements ask of every credential. */
export const SIGNING_KEY_LIFETIME_MS = 90 * DAY_MS;
/**
 * A replaced key keeps verifying past the longest token lifetime, plus the time an isolate may
 * keep signing with its cached copy before it learns of the successor.
 */
export const RETIRED_KEY_OVERLAP_MS = TOKEN_TTL_SECONDS * 1000 + 60 * 60_000;

/** 32 random bytes, base64url, the format JWT_SIGNING_KEYS uses. */
export function newSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

export const kidFor = (at: number) => `k-${new Date(at).toISOString().slice(0, 10)}-${crypto.randomUUID().slice(0, 8)}`;

export type RotationStep =
  | { kind: 'create'; key: StoredSigningKey; retire?: string }
  | { kind: 'drop'; kids: string[] };

/**
 * What the store must do now: start the first key, replace one past its lifetime (the old one
 * retires but keeps verifying), or drop retired keys past their overlap.
 */
export function rotationSteps(keys: readonly StoredSigningKey[], now: number): RotationStep[] {
  const steps: RotationStep[] = [];
  const signing = keys.find((key) => key.retiredAt === null);
  if (!signing || now - signing.createdAt >= SIGNING_KEY_LIFETIME_MS) {
    steps.push({
      kind: 'create',
      key: { kid: kidFor(now), secret: newSigningSecret(), createdAt: now, retiredAt: null },
      ...(signing ? { retire: signing.kid } : {}),
    });
  }
  const expired = keys.filter((key) => key.retiredAt !== null && now - key.retiredAt >= RETIRED_KEY_OVERLAP_MS);
  if (expired.length > 0) steps.push({ kind: 'drop', kids: expired.map((key) => key.kid) });
  return steps;
}

/** When the store must look again: the signing key's end of life or a retired key's end of overlap. */
export function nextRotationAt(keys: readonly StoredSigningKey[]): number | undefined {
  const times = keys.map((key) =>
    key.retiredAt === null ? key.createdAt + SIGNING_KEY_LIFETIME_MS : key.retiredAt + RETIRED_KEY_OVERLAP_MS,
  );
  return times.length > 0 ? Math.min(...times) : undefined;
}
