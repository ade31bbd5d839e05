import type { CatalogueEntry, CatalogueFilter, NuggetCatalogue } from './catalogue';
import type { Embedder, EmbeddingModel } from './embeddings/types';
import { EmbeddingError } from './embeddings/types';
import { type Nugget, type NuggetHit, type NuggetInput, nuggetId } from './nugget';
import {
  type CollectionIdentity,
  MemoryUnavailableError,
  type NuggetCollection,
  type NuggetFilter,
  type VectorStore,
} from './vector-store';

export interface MemoryDeps {
  store: VectorStore;
  embedder: Embedder;
  /** The catalogue for a collection name. */
  catalogue(collection: string): NuggetCatalogue;
  now(): number;
}

export interface UsedNugget extends Nugget {
  uses: number;
  lastUsedAt: number | null;
}

/** One collection per embedding model, so vectors of two models never meet in one index. */
export function collectionFor(info: EmbeddingModel): CollectionIdentity {
  const slug = `${info.provider}-${info.model}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  return { name: `gold-nuggets-${slug}`.slice(0, 120), embeddingProvider: info.provider, embeddingModel: info.model };
}

/** The Hippocampus: gold nuggets (lessons, patterns, rules) stored with vectors and recalled by meaning. */
export class LongTermMemory {
  private readonly identity: CollectionIdentity;
  private readonly catalogue: NuggetCatalogue;
  private opened?: Promise<NuggetCollection>;

  constructor(private readonly deps: MemoryDeps) {
    this.identity = collectionFor(deps.embedder.info);
    this.catalogue = deps.catalogue(this.identity.name);
  }

  get embedding(): EmbeddingModel & { collection: string } {
    return { ...this.deps.embedder.info, collection: this.identity.name };
  }

  private collection(): Promise<NuggetCollection> {
    this.opened ??= this.deps.store.open(this.identity).catch((error: unknown) => {
      this.opened = undefined;
      throw error;
    });
    return this.opened;
  }

  private async embedOne(text: string): Promise<number[]> {
    try {
      const [vector] = await this.deps.embedder.embed([text]);
      if (!vector) throw new EmbeddingError(this.deps.embedder.info.provider, 'no vector');
      return vector;
    } catch (error) {
      if (error instanceof EmbeddingError) throw new MemoryUnavailableError(error.message);
      throw error;
    }
  }

  /** Stores a nugget; the same text from the same source again answers the stored one. */
  async remember(input: NuggetInput): Promise<{ nugget: Nugget; created: boolean }> {
    // Kept as written (line breaks are part of a rule); the id is taken from the collapsed form.
    const text = input.text.normalize('NFC').trim();
    const id = await nuggetId(input.source, text);
    const collection = await this.collection();
    if (await this.catalogue.find(id)) {
      const [stored] = await collection.get([id]);
      if (stored) return { nugget: stored, created: false };
    }
    const tags = [...new Set(input.tags)];
    const nugget: Nugget = { id, text, kind: input.kind, source: input.source, tags, createdAt: this.deps.now() };
    // Chroma first: a catalogue row always has its vector, and a retry after a failure repeats an idempotent upsert.
    await collection.upsert(nugget, await this.embedOne(text));
    const created = await this.catalogue.add(nugget);
    if (!created) {
      const [stored] = await collection.get([id]);
      return { nugget: stored ?? nugget, created: false };
    }
    return { nugget, created: true };
  }

  /** The k nuggets nearest in meaning; each one returned counts as used. */
  async search(query: string, k: number, filter?: NuggetFilter): Promise<NuggetHit[]> {
    const collection = await this.collection();
    const hits = await collection.query(await this.embedOne(query), k, filter);
    await this.catalogue.markUsed(
      hits.map((hit) => hit.id),
      this.deps.now(),
    );
    return hits;
  }

  /** The nuggets whose text names any of these (an address, a name, an id), for a privacy request. */
  async naming(texts: string[]): Promise<Nugget[]> {
    return (await this.collection()).containing(texts);
  }

  /**
   * Deletes nuggets, the catalogue rows first: a failure between the two leaves the text in
   * Chroma, where the retry finds it again by what it names.
   */
  async forget(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.catalogue.remove(ids);
    await (await this.collection()).delete(ids);
  }

  async goldNuggets(
    limit: number,
    filter: CatalogueFilter = {},
  ): Promise<{ latest: UsedNugget[]; mostUsed: UsedNugget[] }> {
    const [latest, mostUsed] = await Promise.all([
      this.catalogue.latest(limit, filter),
      this.catalogue.mostUsed(limit, filter),
    ]);
    const ids = [...new Set([...latest, ...mostUsed].map((entry) => entry.id))];
    const stored = new Map((await (await this.collection()).get(ids)).map((nugget) => [nugget.id, nugget]));
    const join = (entries: CatalogueEntry[]) =>
      entries.flatMap((entry): UsedNugget[] => {
        const nugget = stored.get(entry.id);
        return nugget ? [{ ...nugget, uses: entry.uses, lastUsedAt: entry.lastUsedAt }] : [];
      });
    return { latest: join(latest), mostUsed: join(mostUsed) };
  }
}
