import type { Json } from './http.ts';

interface ModelInfo {
  id: string;
  owner: 'moonshot' | 'ollama' | 'openai' | 'anthropic';
  family?: string;
  parameterSize?: string;
  displayName?: string;
}

// Fixed timestamp so listings are byte-identical between runs.
const CREATED = 1764076800;

export const MODELS: ModelInfo[] = [
  { id: 'kimi-k2.5', owner: 'moonshot' },
  { id: 'llama3.2', owner: 'ollama', family: 'llama', parameterSize: '3.2B' },
  { id: 'qwen2.5-coder', owner: 'ollama', family: 'qwen2', parameterSize: '7.6B' },
  { id: 'mistral', owner: 'ollama', family: 'llama', parameterSize: '7.2B' },
  { id: 'deepseek-r1', owner: 'ollama', family: 'qwen2', parameterSize: '8.2B' },
  { id: 'nomic-embed-text', owner: 'ollama', family: 'nomic-bert', parameterSize: '137M' },
  { id: 'gpt-5-mini', owner: 'openai' },
  { id: 'text-embedding-3-small', owner: 'openai' },
  { id: 'claude-sonnet-5-5', owner: 'anthropic', displayName: 'Claude Sonnet 5.5 (fake)' },
  { id: 'claude-haiku-4-5', owner: 'anthropic', displayName: 'Claude Haiku 4.5 (fake)' },
];

export function openAiModelList(): Json {
  return {
    object: 'list',
    data: MODELS.map((m) => ({ id: m.id, object: 'model', created: CREATED, owned_by: `empire-fake-${m.owner}` })),
  };
}

export function anthropicModelList(): Json {
  const data = MODELS.filter((m) => m.owner === 'anthropic').map((m) => ({
    type: 'model',
    id: m.id,
    display_name: m.displayName ?? m.id,
    created_at: new Date(CREATED * 1000).toISOString(),
  }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null };
}

export function ollamaTags(): Json {
  const models = MODELS.filter((m) => m.owner === 'ollama').map((m) => ({
    name: `${m.id}:latest`,
    model: `${m.id}:latest`,
    modified_at: new Date(CREATED * 1000).toISOString(),
    size: 0,
    digest: `empire-fake-${m.id}`,
    details: {
      parent_model: '',
      format: 'gguf',
      family: m.family ?? m.id,
      families: [m.family ?? m.id],
      parameter_size: m.parameterSize ?? '',
      quantization_level: 'Q4_K_M',
    },
  }));
  return { models };
}
