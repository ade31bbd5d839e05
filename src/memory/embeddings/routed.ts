import type { CallScopes } from '../../budget/scopes.ts';
import type { EmbeddingsGateway } from '../../llm/embeddings-types.ts';
import { NoRouteError, UnsupportedParameterError, UpstreamError } from '../../llm/errors.ts';
import { type Embedder, EmbeddingError, type EmbeddingModel } from './types.ts';

export interface RoutedEmbeddings {
  provider: 'ollama' | 'openai';
  /** The provider's model id, e.g. `nomic-embed-text`. */
  model: string;
  router: EmbeddingsGateway;
  scopes: CallScopes;
  requestId: string;
}

/**
 * Memory's vectors from a catalogue embeddings model, through the router: each embedding is
 * reserved against memory's budget scope and leaves its ledger row. A model that cannot be
 * reached makes memory unavailable (skipped, as when Chroma is down); a budget refusal stays one.
 */
export function routedEmbedder(spec: RoutedEmbeddings): Embedder {
  const info: EmbeddingModel = { provider: spec.provider, model: spec.model, local: false };
  return {
    info,
    async embed(texts) {
      try {
        const result = await spec.router.embed({
          model: `${spec.provider}/${spec.model}`,
          input: texts,
          scopes: spec.scopes,
          requestId: spec.requestId,
        });
        info.local = result.fake;
        info.dimensions = result.vectors[0]?.length;
        return result.vectors;
      } catch (error) {
        if (
          error instanceof UpstreamError ||
          error instanceof NoRouteError ||
          error instanceof UnsupportedParameterError
        ) {
          throw new EmbeddingError(spec.provider, error.message);
        }
        throw error;
      }
    },
  };
}
