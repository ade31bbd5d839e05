import { localHashEmbedder } from './local-hash.ts';
import { ollamaEmbedder } from './ollama.ts';
import { openAiEmbedder } from './openai-compatible.ts';
import type { Embedder, EmbeddingsConfig } from './types.ts';

/** The configured source of embeddings; the config schema has already checked its settings. */
export function createEmbedder(config: EmbeddingsConfig): Embedder {
  switch (config.provider) {
    case 'local-hash':
      return localHashEmbedder();
    case 'ollama':
      return ollamaEmbedder(config.baseUrl, config.model, config.headers);
    case 'openai':
      return openAiEmbedder(config.baseUrl, config.apiKey, config.model);
  }
}
