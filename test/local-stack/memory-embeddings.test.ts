// The embedding providers of long-term memory (src/memory/embeddings) against the fake LLM's
// embeddings routes: Ollama's /api/embed over fetch, /v1/embeddings through the openai SDK.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { embed as fakeVector } from '../../local-stack/services/fake-llm/embeddings.ts';
import { type FakeLlmHandle, startFakeLlm } from '../../local-stack/services/fake-llm.ts';
import { createEmbedder } from '../../src/memory/embeddings/index.ts';
import { EmbeddingError } from '../../src/memory/embeddings/types.ts';

let fake: FakeLlmHandle;
const texts = ['Fire-alarm audits sell more audits', 'Invoice within a day'];

beforeAll(async () => {
  fake = await startFakeLlm({ port: 0 });
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(async () => {
  await fetch(`${fake.url}/__fake/faults`, { method: 'DELETE' });
});

const addFault = async (spec: object) => {
  const response = await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify(spec) });
  expect(response.status).toBe(201);
};

async function lastRequest(path: string) {
  const all = (await (await fetch(`${fake.url}/__fake/requests`)).json()) as { path: string; excerpt: string }[];
  return all.filter((entry) => entry.path.endsWith(path)).at(-1);
}

describe('happy', () => {
  it('embeds a batch through Ollama /api/embed with nomic-embed-text', async () => {
    const embedder = createEmbedder({ provider: 'ollama', baseUrl: `${fake.url}/ollama`, model: 'nomic-embed-text' });
    const vectors = await embedder.embed(texts);
    expect(vectors).toEqual(texts.map((text) => fakeVector(text)));
    // The fake labels its answers; the embedder passes that on so health can say so.
    expect(embedder.info).toMatchObject({ provider: 'ollama', model: 'nomic-embed-text', local: true, dimensions: 64 });
    expect(JSON.parse((await lastRequest('/api/embed'))?.excerpt ?? '{}')).toEqual({
      model: 'nomic-embed-text',
      input: texts,
      truncate: true,
    });
  });

  it('embeds through an OpenAI-compatible /v1/embeddings with the openai SDK, in input order', async () => {
    const embedder = createEmbedder({
      provider: 'openai',
      baseUrl: `${fake.url}/openai/v1`,
      apiKey: 'sk-test',
      model: 'text-embedding-3-small',
    });
    const vectors = await embedder.embed(texts);
    // The SDK asks for base64 and decodes it: float32 precision.
    for (const [i, vector] of vectors.entries()) {
      const expected = fakeVector(texts[i] ?? '');
      expect(vector).toHaveLength(expected.length);
      for (const [j, value] of vector.entries()) expect(value).toBeCloseTo(expected[j] ?? Number.NaN, 6);
    }
    expect(embedder.info).toMatchObject({ provider: 'openai', local: true, dimensions: 64 });
  });
});

describe('errors', () => {
  it.each([
    ['ollama', () => createEmbedder({ provider: 'ollama', baseUrl: `${fake.url}/ollama`, model: 'nomic-embed-text' })],
    [
      'openai',
      () =>
        createEmbedder({
          provider: 'openai',
          baseUrl: `${fake.url}/openai/v1`,
          apiKey: 'k',
          model: 'text-embedding-3-small',
        }),
    ],
  ])('%s: an upstream error becomes an EmbeddingError naming the provider', async (provider, make) => {
    // Every match until cleared: the openai SDK retries once.
    await addFault({ provider, status: 500, contains: 'boom-embed', times: 0 });
    const failing = make().embed(['boom-embed']);
    await expect(failing).rejects.toBeInstanceOf(EmbeddingError);
    await expect(make().embed(['boom-embed'])).rejects.toThrow(new RegExp(`^${provider} embeddings: .*500`));
  });

  it('an unreachable Ollama is an EmbeddingError, not a crash', async () => {
    const embedder = createEmbedder({ provider: 'ollama', baseUrl: 'http://127.0.0.1:1', model: 'nomic-embed-text' });
    await expect(embedder.embed(['x'])).rejects.toThrow(/^ollama embeddings: cannot be reached/);
  });
});
