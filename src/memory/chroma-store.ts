import { z } from 'zod';
import { errorMessage } from '../lib/error-message';
import { type Nugget, type NuggetHit, nuggetKinds } from './nugget';
import {
  type CollectionIdentity,
  MemoryUnavailableError,
  type NuggetCollection,
  type VectorStore,
} from './vector-store';

// A small typed client over Chroma's HTTP API (v2). The chromadb package also runs in workerd
// (tried), but it adds ~165 KB to the bundle, reads tenant and database from process.env and
// looks for an embedding-function package; five endpoints do not need it. Embeddings are always
// passed in: the server never embeds.
const TENANT = 'default_tenant';
const DATABASE = 'default_database';
const TIMEOUT_MS = 10_000;

const collectionAnswer = z.object({
  id: z.string(),
  name: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
});
const metadataSchema = z.object({
  kind: z.enum(nuggetKinds),
  source: z.string(),
  tags: z.array(z.string()).optional(),
  created: z.number(),
});
const getAnswer = z.object({
  ids: z.array(z.string()),
  documents: z.array(z.string().nullable()),
  metadatas: z.array(metadataSchema.nullable()),
});
const queryAnswer = z.object({
  ids: z.array(z.array(z.string())),
  documents: z.array(z.array(z.string().nullable())),
  metadatas: z.array(z.array(metadataSchema.nullable())),
  distances: z.array(z.array(z.number().nullable())),
});
const errorAnswer = z.object({ error: z.string().optional(), message: z.string().optional() });

function toNugget(id: string, text: string | null, metadata: z.infer<typeof metadataSchema> | null): Nugget | null {
  if (text === null || metadata === null) return null;
  return {
    id,
    text,
    kind: metadata.kind,
    source: metadata.source,
    tags: metadata.tags ?? [],
    createdAt: metadata.created,
  };
}

/** Thrown for an answer whose status says the collection is gone, so its cached id is dropped. */
class ChromaStatusError extends MemoryUnavailableError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

// Collection ids per isolate: opening is a get-or-create round trip that every request would repeat.
const opened = new Map<string, Promise<string>>();

export class ChromaStore implements VectorStore {
  private readonly base: string;

  /** `headers` ride on every request: the Cloudflare Access service token when Chroma is tunnelled. */
  constructor(
    url: string,
    private readonly headers: Record<string, string> = {},
  ) {
    this.base = `${url.replace(/\/+$/, '')}/api/v2/tenants/${TENANT}/databases/${DATABASE}/collections`;
  }

  private async call<T extends z.ZodType>(path: string, body: unknown, schema: T): Promise<z.output<T>> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method: 'POST',
        headers: { ...this.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new MemoryUnavailableError(`Chroma cannot be reached: ${errorMessage(error)}`);
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const answer = errorAnswer.safeParse(json);
      const detail = answer.success ? [answer.data.error, answer.data.message].filter(Boolean).join(': ') : '';
      throw new ChromaStatusError(
        `Chroma answered ${response.status}${detail ? `: ${detail.slice(0, 300)}` : ''}`,
        response.status,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new MemoryUnavailableError(`Chroma's answer to ${path || 'create'} has an unknown shape`);
    return parsed.data;
  }

  async open(identity: CollectionIdentity): Promise<NuggetCollection> {
    const key = `${this.base}|${identity.name}|${identity.embeddingProvider}|${identity.embeddingModel}`;
    let id = opened.get(key);
    if (!id) {
      id = this.create(identity);
      opened.set(key, id);
      id.catch(() => opened.delete(key));
    }
    const collection = this.collection(await id);
    // A collection deleted behind our back answers 404: forget its id so the next request recreates it.
    const forgetOn404 =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        try {
          return await call(...args);
        } catch (error) {
          if (error instanceof ChromaStatusError && error.status === 404) opened.delete(key);
          throw error;
        }
      };
    return {
      upsert: forgetOn404(collection.upsert),
      query: forgetOn404(collection.query),
      get: forgetOn404(collection.get),
      containing: forgetOn404(collection.containing),
      delete: forgetOn404(collection.delete),
    };
  }

  private async create(identity: CollectionIdentity): Promise<string> {
    const metadata = { embedding_provider: identity.embeddingProvider, embedding_model: identity.embeddingModel };
    const created = await this.call(
      '',
      { name: identity.name, metadata, configuration: { hnsw: { space: 'cosine' } }, get_or_create: true },
      collectionAnswer,
    );
    // get_or_create answers an existing collection unchanged, so its metadata says whose vectors it holds.
    const holds = created.metadata?.embedding_model;
    if (holds !== identity.embeddingModel || created.metadata?.embedding_provider !== identity.embeddingProvider) {
      throw new MemoryUnavailableError(
        `Chroma collection ${identity.name} holds vectors of ${String(created.metadata?.embedding_provider)}/${String(holds)}, not ${identity.embeddingProvider}/${identity.embeddingModel}; they must not be mixed`,
      );
    }
    return created.id;
  }

  private async fetchNuggets(path: string, filter: Record<string, unknown>): Promise<Nugget[]> {
    const answer = await this.call(path, { ...filter, include: ['documents', 'metadatas'] }, getAnswer);
    return answer.ids.flatMap((nuggetId, i) => {
      const nugget = toNugget(nuggetId, answer.documents[i] ?? null, answer.metadatas[i] ?? null);
      return nugget ? [nugget] : [];
    });
  }

  private collection(id: string): NuggetCollection {
    const path = (action: string) => `/${id}/${action}`;
    return {
      upsert: async (nugget, embedding) => {
        const { kind, source, tags, createdAt } = nugget;
        // An empty list is not a valid Chroma metadata value.
        const metadata = { kind, source, created: createdAt, ...(tags.length ? { tags } : {}) };
        await this.call(
          path('upsert'),
          { ids: [nugget.id], embeddings: [embedding], documents: [nugget.text], metadatas: [metadata] },
          z.unknown(),
        );
      },
      query: async (embedding, k, filter = {}) => {
        const clauses = Object.entries(filter)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => ({ [key]: value }));
        const answer = await this.call(
          path('query'),
          {
            query_embeddings: [embedding],
            n_results: k,
            include: ['documents', 'metadatas', 'distances'],
            ...(clauses.length > 1 ? { where: { $and: clauses } } : clauses.length === 1 ? { where: clauses[0] } : {}),
          },
          queryAnswer,
        );
        const ids = answer.ids[0] ?? [];
        return ids.flatMap((nuggetId, i): NuggetHit[] => {
          const nugget = toNugget(nuggetId, answer.documents[0]?.[i] ?? null, answer.metadatas[0]?.[i] ?? null);
          const distance = answer.distances[0]?.[i];
          return nugget && typeof distance === 'number' ? [{ ...nugget, distance }] : [];
        });
      },
      get: async (ids) => {
        if (ids.length === 0) return [];
        return this.fetchNuggets(path('get'), { ids });
      },
      containing: async (texts) => {
        const clauses = [...new Set(texts.filter((text) => text.length > 0))].map((text) => ({ $contains: text }));
        if (clauses.length === 0) return [];
        const whereDocument = clauses.length === 1 ? clauses[0] : { $or: clauses };
        return this.fetchNuggets(path('get'), { where_document: whereDocument });
      },
      delete: async (ids) => {
        if (ids.length === 0) return;
        await this.call(path('delete'), { ids }, z.unknown());
      },
    };
  }
}
