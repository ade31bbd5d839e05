/**
 * A per-isolate cache with a hard cap on entries and an age limit. An isolate can live for hours
 * and see any number of distinct keys (client ids, addresses, API keys an attacker makes up), so
 * nothing per-key may be kept in a plain Map: past `maxEntries` the least recently used entry goes.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();
  private readonly limits: { maxEntries: number; ttlMs: number };

  constructor(limits: { maxEntries: number; ttlMs: number }) {
    if (limits.maxEntries < 1) throw new Error('a bounded cache needs room for one entry');
    this.limits = limits;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (now >= entry.expires) return undefined;
    // Re-inserted so Map order stays least recently used first.
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V, now = Date.now(), ttlMs = this.limits.ttlMs): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: now + ttlMs });
    while (this.entries.size > this.limits.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
