import type { CallScopes } from '../../budget/scopes.ts';
import type { EmbeddingsGateway } from '../../llm/embeddings-types.ts';
import { localHashEmbedder } from './local-hash.ts';
import { routedEmbedder } from './routed.ts';
import type { Embedder, EmbeddingsConfig } from './types.ts';

/** Memory's budget scope: its embeddings are charged here, beside the global one. */
export const MEMORY_SCOPES: CallScopes = { task: 'memory' };

/** The configured source of embeddings; the config schema has already checked its settings. */
export function createEmbedder(
  config: EmbeddingsConfig,
  route: { router: EmbeddingsGateway; requestId: string },
): Embedder {
  if (config.provider === 'local-hash') return localHashEmbedder();
  return routedEmbedder({ ...config, ...route, scopes: MEMORY_SCOPES });
}
