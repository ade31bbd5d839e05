import { z } from 'zod';
import { UnavailableError } from '../lib/domain-errors';
import { errorMessage } from '../lib/error-message';

// The part of Chroma's HTTP API (v2) a backup needs: list collections, page through a collection's
// records with their embeddings, create a collection, add records, delete a collection.
// src/memory/chroma-store.ts is the memory's own client; this one reads and writes whole collections.
const TENANT = 'default_tenant';
const DATABASE = 'default_database';
const TIMEOUT_MS = 30_000;
const LIST_PAGE = 100;

const collectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  configuration_json: z
    .object({ hnsw: z.object({ space: z.string() }).nullable().optional() })
    .loose()
    .optional(),
});
const recordsSchema = z.object({
  ids: z.array(z.string()),
  documents: z.array(z.string().nullable()),
  metadatas: z.array(z.record(z.string(), z.unknown()).nullable()),
  embeddings: z.array(z.array(z.number())),
});

export interface ChromaCollectionInfo {
  id: string;
  name: string;
  metadata: Record<string, unknown> | null;
  /** The distance the collection's index uses (cosine, l2, ip). */
  space: string | null;
}

export type ChromaRecords = z.output<typeof recordsSchema>;

export class ChromaUnavailable extends UnavailableError {}

/** Chroma answered 409: a collection of that name exists. */
export class ChromaCollectionExists extends Error {
  override name = 'ChromaCollectionExists';
}

export class ChromaCollections {
  private readonly base: string;

  constructor(
    url: string,
    private readonly headers: Record<string, string> = {},
  ) {
    this.base = `${url.replace(/\/+$/, '')}/api/v2/tenants/${TENANT}/databases/${DATABASE}/collections`;
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: { ...this.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new ChromaUnavailable(`Chroma cannot be reached: ${errorMessage(error)}`);
    }
    const text = await response.text();
    if (response.status === 409) throw new ChromaCollectionExists(`Chroma answered 409: ${text.slice(0, 300)}`);
    if (!response.ok)
      throw new ChromaUnavailable(
        `Chroma answered ${response.status} to ${method} ${path || '/'}: ${text.slice(0, 300)}`,
      );
    return text ? (JSON.parse(text) as unknown) : null;
  }

  async list(): Promise<ChromaCollectionInfo[]> {
    const all: ChromaCollectionInfo[] = [];
    for (let offset = 0; ; offset += LIST_PAGE) {
      const page = z.array(collectionSchema).parse(await this.call('GET', `?limit=${LIST_PAGE}&offset=${offset}`));
      all.push(
        ...page.map((collection) => ({
          id: collection.id,
          name: collection.name,
          metadata: collection.metadata ?? null,
          space: collection.configuration_json?.hnsw?.space ?? null,
        })),
      );
      if (page.length < LIST_PAGE) return all;
    }
  }

  async records(collectionId: string, offset: number, limit: number): Promise<ChromaRecords> {
    const answer = await this.call('POST', `/${collectionId}/get`, {
      offset,
      limit,
      include: ['documents', 'metadatas', 'embeddings'],
    });
    return recordsSchema.parse(answer);
  }

  /** Creates a new collection; throws ChromaCollectionExists when the name is taken. */
  async create(name: string, metadata: Record<string, unknown> | null, space: string | null): Promise<string> {
    const answer = await this.call('POST', '', {
      name,
      ...(metadata ? { metadata } : {}),
      ...(space ? { configuration: { hnsw: { space } } } : {}),
    });
    return collectionSchema.parse(answer).id;
  }

  async add(collectionId: string, records: ChromaRecords): Promise<void> {
    await this.call('POST', `/${collectionId}/add`, records);
  }

  async delete(name: string): Promise<void> {
    await this.call('DELETE', `/${encodeURIComponent(name)}`);
  }
}
