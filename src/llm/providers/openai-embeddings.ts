import { FAKE_HEADER, type ProviderEndpoint } from './endpoints';
import { normalizeProviderError, ProviderError } from './errors';
import { requestJson } from './http';
import type { EmbedCall, EmbedResult, ProviderId } from './types';

interface EmbeddingsAnswer {
  data?: { index?: number; embedding?: unknown }[];
  usage?: { prompt_tokens?: number };
}

const isVector = (value: unknown): value is number[] =>
  Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'number' && Number.isFinite(item));

/**
 * POST /v1/embeddings on an OpenAI-compatible server (OpenAI, Ollama's /v1). Floats are asked for
 * explicitly: OpenAI's clients ask for base64 by default, which not every compatible server speaks.
 */
export async function openAiEmbed(id: ProviderId, endpoint: ProviderEndpoint, call: EmbedCall): Promise<EmbedResult> {
  const body = {
    model: call.model,
    input: call.input,
    encoding_format: 'float',
    ...(call.dimensions !== undefined ? { dimensions: call.dimensions } : {}),
    ...(call.user !== undefined ? { user: call.user } : {}),
  };
  const request = { provider: id, path: '/embeddings', body, signal: call.signal };
  try {
    const { data: answer, headers } = await requestJson<EmbeddingsAnswer | null>(endpoint, request);
    return { ...vectorsOf(id, answer, call.input.length), fake: headers.has(FAKE_HEADER) };
  } catch (error) {
    throw normalizeProviderError(id, error);
  }
}

function vectorsOf(id: ProviderId, answer: EmbeddingsAnswer | null, inputs: number): Omit<EmbedResult, 'fake'> {
  const ordered = [...(answer?.data ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const vectors = ordered.map((item) => item.embedding);
  if (vectors.length !== inputs || !vectors.every(isVector)) {
    throw new ProviderError(id, 'retryable', `malformed embeddings: ${vectors.length} for ${inputs} inputs`);
  }
  const dimensions = vectors[0]?.length;
  if (!vectors.every((vector) => vector.length === dimensions)) {
    throw new ProviderError(id, 'retryable', 'malformed embeddings: vectors of different lengths');
  }
  const tokens = answer?.usage?.prompt_tokens;
  return { vectors, ...(typeof tokens === 'number' ? { inputTokens: tokens } : {}) };
}
