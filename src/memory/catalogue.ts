import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { memoryNuggets } from '../db/memory-schema';
import type { Nugget } from './nugget';

// Any drizzle D1 database: the catalogue needs no relational schema.
type D1Db = DrizzleD1Database<Record<string, unknown>>;

export interface CatalogueEntry {
  id: string;
  uses: number;
  lastUsedAt: number | null;
}

/** Order and usage of the nuggets in one collection, kept in D1 (see memory-schema.ts for why). */
export class NuggetCatalogue {
  constructor(
    private readonly db: D1Db,
    private readonly collection: string,
  ) {}

  async find(id: string): Promise<CatalogueEntry | undefined> {
    return this.db
      .select({ id: memoryNuggets.id, uses: memoryNuggets.uses, lastUsedAt: memoryNuggets.lastUsedAt })
      .from(memoryNuggets)
      .where(and(eq(memoryNuggets.collection, this.collection), eq(memoryNuggets.id, id)))
      .get();
  }

  /** True when this call added the row; a concurrent twin finds it taken. */
  async add(nugget: Nugget): Promise<boolean> {
    const inserted = await this.db
      .insert(memoryNuggets)
      .values({
        collection: this.collection,
        id: nugget.id,
        kind: nugget.kind,
        source: nugget.source,
        createdAt: nugget.createdAt,
      })
      .onConflictDoNothing()
      .returning({ id: memoryNuggets.id });
    return inserted.length > 0;
  }

  async markUsed(ids: string[], at: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(memoryNuggets)
      .set({ uses: sql`${memoryNuggets.uses} + 1`, lastUsedAt: at })
      .where(and(eq(memoryNuggets.collection, this.collection), inArray(memoryNuggets.id, ids)));
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .delete(memoryNuggets)
      .where(and(eq(memoryNuggets.collection, this.collection), inArray(memoryNuggets.id, ids)));
  }

  latest(limit: number): Promise<CatalogueEntry[]> {
    return this.list(limit, [desc(memoryNuggets.createdAt), desc(memoryNuggets.id)]);
  }

  /** Used at least once, most first; ties go to the more recently used. */
  mostUsed(limit: number): Promise<CatalogueEntry[]> {
    return this.list(limit, [desc(memoryNuggets.uses), desc(memoryNuggets.lastUsedAt), desc(memoryNuggets.id)], true);
  }

  private list(limit: number, order: ReturnType<typeof desc>[], usedOnly = false): Promise<CatalogueEntry[]> {
    const inCollection = eq(memoryNuggets.collection, this.collection);
    return this.db
      .select({ id: memoryNuggets.id, uses: memoryNuggets.uses, lastUsedAt: memoryNuggets.lastUsedAt })
      .from(memoryNuggets)
      .where(usedOnly ? and(inCollection, sql`${memoryNuggets.uses} > 0`) : inCollection)
      .orderBy(...order)
      .limit(limit);
  }
}
