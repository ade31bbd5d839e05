import type { ModelEntry } from './catalogue';
import type { ProviderCall, ProviderResult } from './providers/types';
import type { ChatRequest, ChatResult } from './types';

/** What a provider is asked for one candidate model. */
export function providerCall(request: ChatRequest, model: ModelEntry): ProviderCall {
  return {
    model: model.modelId,
    messages: request.messages,
    maxTokens: request.maxTokens,
    temperature: request.temperature,
    json: request.json,
  };
}

/** A provider's answer as the router returns it, priced. */
export function chatResult(
  request: ChatRequest,
  model: ModelEntry,
  result: ProviderResult,
  costMicros: number,
  latencyMs: number,
): ChatResult {
  return {
    id: request.requestId,
    text: result.text,
    model: model.id,
    provider: model.provider,
    usage: result.usage,
    costMicros,
    finishReason: result.finishReason,
    latencyMs,
    cached: false,
    fake: result.fake,
  };
}
