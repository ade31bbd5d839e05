import type { Nugget, NuggetHit, NuggetKind } from './nugget';

/** What a collection records about the vectors in it; a collection never mixes two models. */
export interface CollectionIdentity {
  name: string;
  embeddingProvider: string;
  embeddingModel: string;
}

/** One collection of nuggets with their vectors (Chroma in production and tests). */
export interface NuggetCollection {
  upsert(nugget: Nugget, embedding: number[]): Promise<void>;
  query(embedding: number[], k: number, filter?: NuggetFilter): Promise<NuggetHit[]>;
  /** The nuggets with these ids that exist, in no particular order. */
  get(ids: string[]): Promise<Nugget[]>;
  /** The nuggets whose text contains any of these strings (case as given). */
  containing(texts: string[]): Promise<Nugget[]>;
  delete(ids: string[]): Promise<void>;
}

export interface VectorStore {
  /** Opens (or creates) the collection; refuses one that holds another model's vectors. */
  open(identity: CollectionIdentity): Promise<NuggetCollection>;
}

/** The vector store cannot serve: unreachable, failing, or holding vectors it must not mix. */
export class MemoryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MemoryUnavailableError';
  }
}

/** Narrows a search to one kind of nugget, one source, or both. */
export interface NuggetFilter {
  kind?: NuggetKind;
  source?: string;
}
