import { z } from 'zod';
import { errorMessage } from '../../lib/error-message.ts';
import { checkVectors, type Embedder, EmbeddingError, type EmbeddingModel } from './types.ts';

const FAKE_HEADER = 'x-empire-fake';
const TIMEOUT_MS = 30_000;

// Ollama's native endpoint (POST /api/embed): it takes a batch and answers every vector at once.
const embedAnswer = z.object({ model: z.string().optional(), embeddings: z.array(z.array(z.number())) });

/** `headers`: the Cloudflare Access service token when Ollama is tunnelled. */
export function ollamaEmbedder(baseUrl: string, model: string, headers: Record<string, string> = {}): Embedder {
  const info: EmbeddingModel = { provider: 'ollama', model, local: false };
  const url = `${baseUrl.replace(/\/+$/, '')}/api/embed`;
  return {
    info,
    async embed(texts, signal) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ model, input: texts, truncate: true }),
          signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]) : AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        throw new EmbeddingError('ollama', `cannot be reached: ${errorMessage(error)}`);
      }
      if (!response.ok) {
        const detail = (await response.text().catch(() => '')).slice(0, 200);
        throw new EmbeddingError('ollama', `answered ${response.status} ${detail}`.trim());
      }
      if (response.headers.get(FAKE_HEADER)) info.local = true;
      const parsed = embedAnswer.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) throw new EmbeddingError('ollama', 'the answer is not an /api/embed response');
      const vectors = checkVectors('ollama', parsed.data.embeddings, texts.length);
      info.dimensions = vectors[0]?.length;
      return vectors;
    },
  };
}
