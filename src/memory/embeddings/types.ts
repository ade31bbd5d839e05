// Imports in this folder carry .ts so Node-side tests and scripts load the providers as they are.

export const embeddingProviders = ['local-hash', 'ollama', 'openai'] as const;
export type EmbeddingProvider = (typeof embeddingProviders)[number];

export type EmbeddingsConfig =
  | { provider: 'local-hash' }
  | { provider: 'ollama'; baseUrl: string; model: string; headers?: Record<string, string> }
  | { provider: 'openai'; baseUrl: string; apiKey: string; model: string };

export interface EmbeddingModel {
  provider: EmbeddingProvider;
  model: string;
  /** Known up front for local-hash; learnt from the first answer for the others. */
  dimensions?: number;
  /** True when the vectors do not come from a language model (local-hash, or a local fake upstream). */
  local: boolean;
}

/** One contract for every source of embeddings. */
export interface Embedder {
  readonly info: EmbeddingModel;
  /** One unit-length-or-not vector per text, in order. */
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
}

/** The provider could not be reached or answered something unusable. */
export class EmbeddingError extends Error {
  readonly provider: EmbeddingProvider;

  constructor(provider: EmbeddingProvider, message: string) {
    super(`${provider} embeddings: ${message}`);
    this.name = 'EmbeddingError';
    this.provider = provider;
  }
}

/** Rejects answers with the wrong count, ragged dimensions or non-finite numbers. */
export function checkVectors(provider: EmbeddingProvider, vectors: number[][], expected: number): number[][] {
  if (vectors.length !== expected)
    throw new EmbeddingError(provider, `asked for ${expected} vectors, got ${vectors.length}`);
  const dimensions = vectors[0]?.length ?? 0;
  for (const vector of vectors) {
    if (vector.length === 0 || vector.length !== dimensions)
      throw new EmbeddingError(provider, 'vectors of different or zero length');
    if (!vector.every(Number.isFinite)) throw new EmbeddingError(provider, 'a vector holds a non-finite number');
  }
  return vectors;
}
