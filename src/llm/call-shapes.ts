import type { ModelEntry } from './catalogue';
import type { ProviderCall, ProviderResult } from './providers/types';
import type { AnswerOptions, ChatRequest, ChatResult } from './types';

/** What shapes the answer: the messages, the limit and every answer option, without routing or scopes. */
export function answerShape(request: ChatRequest): AnswerOptions & Pick<ChatRequest, 'messages' | 'maxTokens'> {
  // Taken apart rather than listed, so an option added to AnswerOptions reaches the provider.
  const {
    model: _model,
    taskClass: _taskClass,
    cache: _cache,
    metadata: _metadata,
    subjects: _subjects,
    scopes: _scopes,
    requestId: _id,
    ...shape
  } = request;
  return shape;
}

/** What a provider is asked for one candidate model. */
export function providerCall(request: ChatRequest, model: ModelEntry): ProviderCall {
  return { ...answerShape(request), model: model.modelId };
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
    ...(result.toolCalls ? { toolCalls: result.toolCalls } : {}),
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
