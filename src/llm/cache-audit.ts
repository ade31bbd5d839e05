import { z } from 'zod';

// A poisoned cache entry: a cached answer that would be served again for free but is not a
// usable answer. Either it does not have the shape the router stores (a ChatResult that finished
// with `stop`), or its text is an upstream error body (JSON error envelope, an HTML error page,
// an empty answer) that a provider or proxy returned with a 200.

const cachedAnswer = z.object({
  id: z.string(),
  text: z.string(),
  model: z.string().min(1),
  provider: z.string().min(1),
  usage: z.object({ inputTokens: z.number().int().min(0), outputTokens: z.number().int().min(0) }),
  costMicros: z.number().min(0),
  finishReason: z.literal('stop'),
  latencyMs: z.number().min(0),
  cached: z.boolean(),
  fake: z.boolean(),
});

const ERROR_BODIES = [
  /^\{\s*"(error|errors)"\s*:/,
  /^\{\s*"type"\s*:\s*"error"/,
  /^<!doctype html|^<html/i,
  /^(internal server error|bad gateway|service unavailable|gateway time-?out|upstream connect error)/i,
];

/** Why a cached value must not be served again, or undefined when it is a sound answer. */
export function poisonReason(value: unknown): string | undefined {
  const parsed = cachedAnswer.safeParse(value);
  if (!parsed.success) return `not a cached answer (${parsed.error.issues[0]?.path.join('.') || 'value'})`;
  const text = parsed.data.text.trim();
  if (text.length === 0) return 'empty answer';
  if (ERROR_BODIES.some((pattern) => pattern.test(text))) return 'an error body cached as an answer';
  return undefined;
}

/** The response cache as the audit reaches it (Redis in the Worker). */
export interface CacheStore {
  /** One page of keys matching the cache prefix; cursor '0' starts and ends a scan. */
  scan(cursor: string, count: number): Promise<[string, string[]]>;
  values(keys: string[]): Promise<unknown[]>;
  delete(keys: string[]): Promise<number>;
}

export interface CacheAudit {
  scanned: number;
  cleared: { key: string; reason: string }[];
  /** The scan stopped at its limit before the end of the keyspace. */
  truncated: boolean;
}

/** Scans up to `limit` cache keys and deletes the poisoned ones. */
export async function clearPoisonedEntries(store: CacheStore, limit: number): Promise<CacheAudit> {
  const audit: CacheAudit = { scanned: 0, cleared: [], truncated: false };
  let cursor = '0';
  do {
    const [next, keys] = await store.scan(cursor, Math.min(200, limit));
    cursor = next;
    const page = keys.slice(0, limit - audit.scanned);
    audit.scanned += page.length;
    if (page.length > 0) {
      const values = await store.values(page);
      const poisoned = page.flatMap((key, index) => {
        // Expired between the scan and the read: nothing to clear.
        if (values[index] === null || values[index] === undefined) return [];
        const reason = poisonReason(values[index]);
        return reason ? [{ key, reason }] : [];
      });
      if (poisoned.length > 0) await store.delete(poisoned.map((entry) => entry.key));
      audit.cleared.push(...poisoned);
    }
    if (audit.scanned >= limit && cursor !== '0') {
      audit.truncated = true;
      break;
    }
  } while (cursor !== '0');
  return audit;
}
