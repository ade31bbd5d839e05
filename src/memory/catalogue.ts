import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { memoryNuggets } from '../db/memory-schema';
import type { Nugget, NuggetKind } from './nugget';

// Any drizzle D1 database: the catalogue needs no relational schema.
type D1Db = DrizzleD1Database<Record<string, unknown>>;

export interface CatalogueEntry {
  id: string;
  uses: number;
  lastUsedAt: number | null;
}

/** Narrows the lists to one kind or one tag; nuggets stored before tags were catalogued carry none. */
export interface CatalogueFilter {
  kind?: NuggetKind;
  tag?: string;
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
        tags: nugget.tags,
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

  latest(limit: number, filter: CatalogueFilter = {}): Promise<CatalogueEntry[]> {
    return this.list(limit, [desc(memoryNuggets.createdAt), desc(memoryNuggets.id)], filter);
  }

  /** Used at least once, most first; ties go to the more recently used. */
  mostUsed(limit: number, filter: CatalogueFilter = {}): Promise<CatalogueEntry[]> {
    return this.list(limit, [desc(memoryNuggets.uses), desc(memoryNuggets.lastUsedAt), desc(memoryNuggets.id)], {
      ...filter,
      usedOnly: true,
    });
  }

  private list(
    limit: number,
    order: ReturnType<typeof desc>[],
    filter: CatalogueFilter & { usedOnly?: boolean },
  ): Promise<CatalogueEntry[]> {
    const conditions = [
      eq(memoryNuggets.collection, this.collection),
      filter.usedOnly ? sql`${memoryNuggets.uses} > 0` : undefined,
      filter.kind ? eq(memoryNuggets.kind, filter.kind) : undefined,
      filter.tag ? sql`exists (select 1 from json_each(${memoryNuggets.tags}) where value = ${filter.tag})` : undefined,
    ];
    return this.db
      .select({ id: memoryNuggets.id, uses: memoryNuggets.uses, lastUsedAt: memoryNuggets.lastUsedAt })
      .from(memoryNuggets)
      .where(and(...conditions))
      .orderBy(...order)
      .limit(limit);
  }
}
