import { findModel, type ModelEntry } from './catalogue';
import { DIMENSIONS_CAPABILITY, EMBEDDINGS_CAPABILITY, type EmbeddingsRequest } from './embeddings-types';
import { ModelNotAllowedError, NoRouteError, UnsupportedParameterError } from './errors';
import type { ProviderRegistry } from './providers/registry';
import type { LlmProvider } from './providers/types';

// Every token a BPE tokenizer emits covers at least one byte; a few more mark each input's ends.
const PER_INPUT_OVERHEAD = 8;
const encoder = new TextEncoder();

export const isEmbeddingsModel = (model: ModelEntry) => model.capabilities.includes(EMBEDDINGS_CAPABILITY);

/** An upper bound on the tokens a provider bills for these inputs. */
export function worstCaseEmbeddingTokens(input: readonly string[]): number {
  return input.reduce((sum, text) => sum + encoder.encode(text).length + PER_INPUT_OVERHEAD, 0);
}

/** A typical estimate (about four characters a token), to hold each input to the model's window. */
const likelyTokens = (text: string) => Math.ceil(text.length / 4);

/**
 * The one model an embeddings request names, or why it cannot run: a chat model or a parameter
 * the model cannot honour is the caller's to fix (400 naming it); the rest is no route.
 */
export function planEmbeddings(
  request: EmbeddingsRequest,
  models: readonly ModelEntry[],
  providers: ProviderRegistry,
): { model: ModelEntry; provider: LlmProvider & Required<Pick<LlmProvider, 'embed'>> } {
  const model = findModel(models, request.model);
  if (!model) throw new NoRouteError([{ model: request.model, reason: 'unknown_model' }]);
  if (request.allowedModels && !request.allowedModels.includes(model.id)) throw new ModelNotAllowedError(model.id);
  if (!isEmbeddingsModel(model)) {
    throw new UnsupportedParameterError('model', model.id, 'is a chat model: name an embeddings model');
  }
  if (request.dimensions !== undefined && !model.capabilities.includes(DIMENSIONS_CAPABILITY)) {
    throw new UnsupportedParameterError('dimensions', model.id, 'answers vectors of its own length only');
  }
  if (!model.active) throw new NoRouteError([{ model: model.id, reason: 'inactive' }]);
  const provider = providers[model.provider];
  const embed = provider?.embed;
  if (!provider || !embed) throw new NoRouteError([{ model: model.id, reason: 'not_configured' }]);
  if (request.input.some((text) => likelyTokens(text) > model.contextWindow)) {
    throw new NoRouteError([{ model: model.id, reason: 'context_window' }]);
  }
  return { model, provider: { ...provider, embed } };
}
