import { UnavailableError } from '../lib/domain-errors';
import { providerCall } from './call-shapes';
import { findModel, type ModelEntry, VISION } from './catalogue';
import { isEmbeddingsModel } from './embeddings-plan';
import { ModelNotAllowedError, NoRouteError, type SkippedCandidate, UnsupportedParameterError } from './errors';

export type { SkippedCandidate } from './errors';

import { likelyInputTokens } from './estimate';
import { imagesOf } from './image-input';
import { classify, type RouterPolicy } from './policy';
import type { ProviderRegistry } from './providers/registry';
import type { ChatRequest, TaskClass } from './types';

export interface PlannedCandidate {
  model: ModelEntry;
}

export interface RoutePlan {
  taskClass: TaskClass | 'explicit';
  candidates: PlannedCandidate[];
  skipped: SkippedCandidate[];
}

/** Turns a request into the ordered models to try: an explicit model wins, else the class's list. */
export function planRoute(
  request: ChatRequest,
  policy: RouterPolicy,
  models: readonly ModelEntry[],
  providers: ProviderRegistry,
): RoutePlan {
  const userText = request.messages.map((message) => message.content).join('\n');
  const taskClass = request.model ? 'explicit' : (request.taskClass ?? classify(userText));
  const entries = taskClass === 'explicit' ? [{ model: request.model ?? '' }] : policy.classes[taskClass];
  const inputTokens = likelyInputTokens(request.messages, request);
  const candidates: PlannedCandidate[] = [];
  const skipped: SkippedCandidate[] = [];
  const firstImage = imagesOf(request.messages)[0];
  for (const entry of entries) {
    const model = findModel(models, entry.model);
    const provider = model ? providers[model.provider] : undefined;
    const blind = firstImage && model && !model.capabilities.includes(VISION);
    const refusal = blind
      ? { parameter: firstImage.param, reason: 'does not read images' }
      : model && provider?.refusal(providerCall(request, model));
    if (!model) skipped.push({ model: entry.model, reason: 'unknown_model' });
    else if (request.allowedModels && !request.allowedModels.includes(model.id))
      skipped.push({ model: model.id, reason: 'not_allowed' });
    else if (isEmbeddingsModel(model)) {
      skipped.push({
        model: model.id,
        reason: 'unsupported_parameter',
        parameter: 'model',
        detail: 'is an embeddings model: call /v1/embeddings',
      });
    } else if (!model.active) skipped.push({ model: model.id, reason: 'inactive' });
    else if (!provider) skipped.push({ model: model.id, reason: 'not_configured' });
    else if (refusal) {
      skipped.push({
        model: model.id,
        reason: 'unsupported_parameter',
        parameter: refusal.parameter,
        detail: refusal.reason,
      });
    } else if (request.maxTokens > model.maxOutput) skipped.push({ model: model.id, reason: 'max_output' });
    else if (inputTokens + request.maxTokens > model.contextWindow)
      skipped.push({ model: model.id, reason: 'context_window' });
    else if ('maxInputTokens' in entry && entry.maxInputTokens && inputTokens > entry.maxInputTokens) {
      skipped.push({ model: model.id, reason: 'input_limit' });
    } else candidates.push({ model });
  }
  return { taskClass, candidates, skipped };
}

/**
 * Why a plan has no candidate. A parameter no candidate can honour is the caller's to fix (400,
 * naming it); a named model never gives way to another that would.
 */
export function emptyPlanError(plan: RoutePlan): Error {
  const [only] = plan.skipped;
  if (plan.taskClass === 'explicit' && only?.reason === 'not_allowed') return new ModelNotAllowedError(only.model);
  const refused = plan.skipped.find((skip) => skip.reason === 'unsupported_parameter');
  if (refused?.parameter) {
    return new UnsupportedParameterError(refused.parameter, refused.model, refused.detail ?? 'is not supported');
  }
  // A model named outright whose provider cannot be called here is the deployment's gap, not the caller's.
  const unconfigured = plan.taskClass === 'explicit' && plan.skipped.find((skip) => skip.reason === 'not_configured');
  if (unconfigured) {
    return new UnavailableError(
      `${unconfigured.model}: its provider is not configured in this deployment (a URL or secret it needs is not set; GET /api/providers names missing secrets)`,
      { model: unconfigured.model, reason: 'not_configured' },
    );
  }
  return new NoRouteError(plan.skipped);
}
