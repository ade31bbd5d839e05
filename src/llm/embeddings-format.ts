import type { EmbeddingsResult } from './embeddings-types';

/** OpenAI's base64 encoding: the vector as little-endian float32 bytes. */
export function base64Floats(vector: readonly number[]): string {
  const bytes = new DataView(new ArrayBuffer(vector.length * 4));
  for (const [index, value] of vector.entries()) bytes.setFloat32(index * 4, value, true);
  const view = new Uint8Array(bytes.buffer);
  let binary = '';
  // In slices: spreading a long vector's bytes into one call would overflow the argument limit.
  for (let offset = 0; offset < view.length; offset += 0x8000) {
    binary += String.fromCharCode(...view.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}

/** The router's answer as OpenAI's embeddings list, with the router's own facts beside it. */
export function toEmbeddingList(result: EmbeddingsResult, encoding: 'float' | 'base64' = 'float') {
  return {
    object: 'list' as const,
    data: result.vectors.map((vector, index) => ({
      object: 'embedding' as const,
      index,
      embedding: encoding === 'base64' ? base64Floats(vector) : vector,
    })),
    model: result.model,
    usage: { prompt_tokens: result.usage.inputTokens, total_tokens: result.usage.inputTokens },
    empire: {
      provider: result.provider,
      cost_micros: result.costMicros,
      cached: result.cached,
      fake: result.fake,
      latency_ms: result.latencyMs,
    },
  };
}
