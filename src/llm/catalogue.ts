import type { ProviderId } from './providers/types';

/** One model the router may call; prices are integer USD micros per million tokens. */
export interface ModelEntry {
  /** `provider/model`, the id used in policies and the API. */
  id: string;
  provider: ProviderId;
  /** The provider's own model id. */
  modelId: string;
  displayName: string;
  inputMicrosPerMillion: number;
  outputMicrosPerMillion: number;
  contextWindow: number;
  maxOutput: number;
  capabilities: string[];
  active: boolean;
}

const usd = (dollars: number) => Math.round(dollars * 1_000_000);

const model = (
  provider: ProviderId,
  modelId: string,
  displayName: string,
  input: number,
  output: number,
  contextWindow: number,
  maxOutput: number,
  capabilities: string[],
): ModelEntry => ({
  id: `${provider}/${modelId}`,
  provider,
  modelId,
  displayName,
  inputMicrosPerMillion: usd(input),
  outputMicrosPerMillion: usd(output),
  contextWindow,
  maxOutput,
  capabilities,
  active: true,
});

/**
 * Seed rows from the providers' published prices (USD per million tokens, November 2026).
 * The live catalogue is the `models` table; these rows seed it and stand in without Postgres.
 */
export const seedModels: readonly ModelEntry[] = [
  model('anthropic', 'claude-opus-5-5', 'Claude Opus 5.5', 4, 20, 1_000_000, 128_000, [
    'strategic',
    'reasoning',
    'json',
    'vision',
  ]),
  model('anthropic', 'claude-sonnet-5-5', 'Claude Sonnet 5.5', 2, 10, 1_000_000, 128_000, [
    'strategic',
    'research',
    'json',
    'vision',
  ]),
  // Haiku's price doubles past 100K prompt tokens; the higher tier keeps estimates safe.
  model('anthropic', 'claude-haiku-5-5', 'Claude Haiku 5.5', 0.5, 2.5, 1_000_000, 128_000, [
    'simple',
    'json',
    'vision',
  ]),
  model('moonshot', 'kimi-k2.5', 'Kimi K2.5', 0.6, 3, 262_144, 32_768, ['research', 'json', 'long-context', 'vision']),
  model('moonshot', 'kimi-k2.6', 'Kimi K2.6', 0.95, 4, 262_144, 32_768, ['research', 'json', 'long-context', 'vision']),
  model('ollama', 'qwen2.5-coder', 'Qwen 2.5 Coder (local)', 0, 0, 32_768, 8_192, ['simple', 'code', 'local']),
  model('ollama', 'llama3.2', 'Llama 3.2 (local)', 0, 0, 131_072, 8_192, ['simple', 'local']),
  // Embeddings models: no output tokens; the context is per input. OpenAI's price is not on the
  // shared sheet: $0.02 per million input tokens as OpenAI and OpenRouter list it (December 2026).
  model('ollama', 'nomic-embed-text', 'Nomic Embed Text (local)', 0, 0, 8_192, 0, ['embeddings', 'local']),
  model('openai', 'text-embedding-3-small', 'OpenAI Text Embedding 3 Small', 0.02, 0, 8_191, 0, [
    'embeddings',
    'dimensions',
  ]),
  // Neither library model sets num_ctx, so Ollama runs them at its server default: 4K on a GPU
  // under 24 GiB (docs/context-length), which the compose stack's 16 GB limit is. A larger window
  // is the owner's to set (OLLAMA_CONTEXT_LENGTH) and then to record through /api/models.
  model('ollama', 'mistral', 'Mistral 7B (local)', 0, 0, 4_096, 4_096, ['simple', 'local']),
  model('ollama', 'deepseek-r1', 'DeepSeek-R1 (local)', 0, 0, 4_096, 4_096, ['simple', 'reasoning', 'local']),
];

/** The capability tag of models that read images (`image_url` parts, Anthropic `image` blocks). */
export const VISION = 'vision';

/** Finds a model by catalogue id or by the provider's own model id. */
export function findModel(models: readonly ModelEntry[], name: string): ModelEntry | undefined {
  return models.find((entry) => entry.id === name) ?? models.find((entry) => entry.modelId === name);
}
