import type OpenAI from 'openai';
import { FAKE_HEADER } from './clients';
import { normalizeProviderError, ProviderError } from './errors';
import type { EmbedCall, EmbedResult, ProviderId } from './types';

interface EmbeddingsAnswer {
  data?: { index?: number; embedding?: unknown }[];
  usage?: { prompt_tokens?: number };
}

const isVector = (value: unknown): value is number[] =>
  Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'number' && Number.isFinite(item));

/**
 * POST /v1/embeddings on an OpenAI-compatible server (OpenAI, Ollama's /v1). Floats are asked for
 * explicitly: the SDK would otherwise ask for base64, which not every compatible server speaks.
 */
export async function openAiEmbed(id: ProviderId, client: OpenAI, call: EmbedCall): Promise<EmbedResult> {
  try {
    const response = await client.embeddings
      .create(
        {
          model: call.model,
          input: call.input,
          encoding_format: 'float',
          ...(call.dimensions !== undefined ? { dimensions: call.dimensions } : {}),
          ...(call.user !== undefined ? { user: call.user } : {}),
        },
        { signal: call.signal },
      )
      .asResponse();
    const answer = (await response.json()) as EmbeddingsAnswer;
    const ordered = [...(answer.data ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    const vectors = ordered.map((item) => item.embedding);
    if (vectors.length !== call.input.length || !vectors.every(isVector)) {
      throw new ProviderError(
        id,
        'retryable',
        `malformed embeddings: ${vectors.length} for ${call.input.length} inputs`,
      );
    }
    const dimensions = vectors[0]?.length;
    if (!vectors.every((vector) => vector.length === dimensions)) {
      throw new ProviderError(id, 'retryable', 'malformed embeddings: vectors of different lengths');
    }
    const tokens = answer.usage?.prompt_tokens;
    return {
      vectors,
      ...(typeof tokens === 'number' ? { inputTokens: tokens } : {}),
      fake: response.headers.has(FAKE_HEADER),
    };
  } catch (error) {
    throw normalizeProviderError(id, error);
  }
}
