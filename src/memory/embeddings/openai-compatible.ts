import { APIError } from 'openai';
import { openAiCompatibleClient } from '../../llm/providers/clients.ts';
import { checkVectors, type Embedder, EmbeddingError, type EmbeddingModel } from './types.ts';

const FAKE_HEADER = 'x-empire-fake';

/** Any OpenAI-compatible POST /v1/embeddings (OpenAI, a gateway, Ollama's /v1), through the openai SDK. */
export function openAiEmbedder(baseUrl: string, apiKey: string, model: string): Embedder {
  const info: EmbeddingModel = { provider: 'openai', model, local: false };
  const client = openAiCompatibleClient(baseUrl, apiKey, { timeoutMs: 30_000, maxRetries: 1 });
  return {
    info,
    async embed(texts, signal) {
      try {
        const { data, response } = await client.embeddings.create({ model, input: texts }, { signal }).withResponse();
        if (response.headers.get(FAKE_HEADER)) info.local = true;
        const ordered = [...data.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
        const vectors = checkVectors('openai', ordered, texts.length);
        info.dimensions = vectors[0]?.length;
        return vectors;
      } catch (error) {
        if (error instanceof EmbeddingError) throw error;
        const message = error instanceof APIError ? `${error.status ?? 'no answer'} ${error.message}` : String(error);
        throw new EmbeddingError('openai', message.slice(0, 300));
      }
    },
  };
}
