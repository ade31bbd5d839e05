import type { CallScopes } from '../budget/scopes';

/** Texts to embed with one named model; embeddings never fall back, another model's vectors would not match. */
export interface EmbeddingsRequest {
  /** A catalogue id (`ollama/nomic-embed-text`) or a provider's model id. */
  model: string;
  input: string[];
  /** Shorter vectors, for a model that takes it (its catalogue entry lists `dimensions`). */
  dimensions?: number;
  /** The caller's end user, for the provider's abuse tracking. */
  user?: string;
  scopes: CallScopes;
  requestId: string;
  /** Catalogue ids the caller may use; absent allows every model. */
  allowedModels?: string[];
}

export interface EmbeddingsResult {
  id: string;
  /** Catalogue id of the model that answered. */
  model: string;
  provider: string;
  /** One vector per input, in input order. */
  vectors: number[][];
  usage: { inputTokens: number };
  costMicros: number;
  latencyMs: number;
  cached: boolean;
  fake: boolean;
}

/** What embeds through the router; memory and the gateway route both use it. */
export interface EmbeddingsGateway {
  embed(request: EmbeddingsRequest): Promise<EmbeddingsResult>;
}

/** Catalogue capabilities: an embeddings model, and one that takes `dimensions`. */
export const EMBEDDINGS_CAPABILITY = 'embeddings';
export const DIMENSIONS_CAPABILITY = 'dimensions';
