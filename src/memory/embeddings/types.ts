// Imports in this folder carry .ts so Node-side tests and scripts load the providers as they are.

export const embeddingProviders = ['local-hash', 'ollama', 'openai'] as const;
export type EmbeddingProvider = (typeof embeddingProviders)[number];

/** local-hash, or a catalogue embeddings model (`<provider>/<model>`) called through the router. */
export type EmbeddingsConfig = { provider: 'local-hash' } | { provider: 'ollama' | 'openai'; model: string };

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
