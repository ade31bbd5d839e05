import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessHeaders, parseConfig } from '../../src/config/config';
import { ChromaStore } from '../../src/memory/chroma-store';
import { localHashVector } from '../../src/memory/embeddings/local-hash';
import { collectionFor } from '../../src/memory/long-term-memory';
import { MemoryUnavailableError } from '../../src/memory/vector-store';
import { requireChroma, uniqueWord } from './memory-helpers';

beforeAll(requireChroma);

const nugget = (id: string, text: string) => ({
  id,
  text,
  kind: 'lesson' as const,
  source: 'test:store',
  tags: ['a', 'b'],
  createdAt: 1_764_547_200_000,
});

describe('happy', () => {
  it('names one collection per embedding model', () => {
    const local = collectionFor({ provider: 'local-hash', model: 'local-hash-v1', local: true });
    const ollama = collectionFor({ provider: 'ollama', model: 'nomic-embed-text:latest', local: false });
    expect(local.name).toBe('gold-nuggets-local-hash-local-hash-v1');
    expect(ollama.name).toBe('gold-nuggets-ollama-nomic-embed-text-latest');
  });

  it('round-trips a nugget with its metadata through the real Chroma', async () => {
    const store = new ChromaStore(env.CHROMA_URL);
    const name = uniqueWord('store-');
    const collection = await store.open({ name, embeddingProvider: 'local-hash', embeddingModel: 'local-hash-v1' });
    await collection.upsert(nugget('n1', 'fire alarm audit'), localHashVector('fire alarm audit'));
    expect(await collection.get(['n1', 'missing'])).toEqual([nugget('n1', 'fire alarm audit')]);
    const [hit] = await collection.query(localHashVector('fire alarm audit'), 3);
    expect(hit?.id).toBe('n1');
    expect(hit?.distance).toBeCloseTo(0, 4);
  });
});

describe('behind Cloudflare Access', () => {
  it('reaches a Chroma behind Access with the service token, and is refused without it', async () => {
    const config = parseConfig({ ...env, CHROMA_URL: env.ACCESS_CHROMA_URL });
    const identity = { name: uniqueWord('access-'), embeddingProvider: 'local-hash', embeddingModel: 'local-hash-v1' };
    const store = new ChromaStore(config.chroma?.url ?? '', accessHeaders(config.cfAccess));
    const collection = await store.open(identity);
    await collection.upsert(nugget('n1', 'tunnelled'), localHashVector('tunnelled'));
    expect(await collection.get(['n1'])).toEqual([nugget('n1', 'tunnelled')]);

    const refused = new ChromaStore(env.ACCESS_CHROMA_URL);
    const other = { ...identity, name: uniqueWord('refused-') };
    await expect(refused.open(other)).rejects.toThrow(/Chroma answered 403/);
  });
});

describe('errors', () => {
  it('recreates a collection deleted behind its back on the next open', async () => {
    const store = new ChromaStore(env.CHROMA_URL);
    const identity = { name: uniqueWord('gone-'), embeddingProvider: 'local-hash', embeddingModel: 'local-hash-v1' };
    const before = await store.open(identity);
    await before.upsert(nugget('n1', 'first'), localHashVector('first'));
    const collections = `${env.CHROMA_URL}/api/v2/tenants/default_tenant/databases/default_database/collections`;
    expect((await fetch(`${collections}/${identity.name}`, { method: 'DELETE' })).status).toBe(200);
    await expect(before.query(localHashVector('first'), 1)).rejects.toThrow(/Chroma answered 404/);
    const after = await store.open(identity);
    expect(await after.query(localHashVector('first'), 1)).toEqual([]);
  });

  it('refuses to mix embedding models in one collection', async () => {
    const store = new ChromaStore(env.CHROMA_URL);
    const name = uniqueWord('mixed-');
    await store.open({ name, embeddingProvider: 'local-hash', embeddingModel: 'local-hash-v1' });
    const opening = store.open({ name, embeddingProvider: 'ollama', embeddingModel: 'nomic-embed-text' });
    await expect(opening).rejects.toBeInstanceOf(MemoryUnavailableError);
    await expect(opening).rejects.toThrow(/holds vectors of local-hash\/local-hash-v1, not ollama\/nomic-embed-text/);
  });

  it('refuses a vector of another dimension with Chroma\u2019s reason', async () => {
    const store = new ChromaStore(env.CHROMA_URL);
    const collection = await store.open({
      name: uniqueWord('dims-'),
      embeddingProvider: 'local-hash',
      embeddingModel: 'local-hash-v1',
    });
    await collection.upsert(nugget('n1', 'first'), localHashVector('first'));
    await expect(collection.upsert(nugget('n2', 'second'), [1, 0, 0])).rejects.toThrow(/dimension of 512, got 3/);
  });
});
