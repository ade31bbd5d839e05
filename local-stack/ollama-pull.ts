// The Ollama models a deployment needs, read from the router policy rather than listed by hand,
// and pulled through Ollama's own HTTP API (`POST /api/pull`, fixtures ollama/api_pull_*).
import { parseConfig } from '../src/config/config.ts';
import type { RouterPolicy } from '../src/llm/policy.ts';

const OLLAMA_PREFIX = 'ollama/';

/** Every `ollama/<model>` the policy names, in policy order, once each; plus the memory's embedding model. */
export function ollamaModelsToPull(policy: RouterPolicy, embeddingModel?: string): string[] {
  const named = Object.values(policy.classes)
    .flat()
    .map((candidate) => candidate.model)
    .filter((model) => model.startsWith(OLLAMA_PREFIX))
    .map((model) => model.slice(OLLAMA_PREFIX.length));
  return [...new Set([...named, ...(embeddingModel ? [embeddingModel] : [])])];
}

/** The models for the Worker's configuration (wrangler.toml, .dev.vars and the environment). */
export function ollamaModelsForConfig(vars: Record<string, unknown>): string[] {
  const config = parseConfig(vars);
  const embeddings = config.embeddings.provider === 'ollama' ? config.embeddings.model : undefined;
  return ollamaModelsToPull(config.routerPolicy, embeddings);
}

/** Pulls each model in turn (Ollama downloads one at a time anyway); the first failure stops the run. */
export async function pullOllamaModels(
  ollamaUrl: string,
  models: readonly string[],
  options: { headers?: Record<string, string>; log?: (line: string) => void } = {},
): Promise<void> {
  const base = ollamaUrl.replace(/\/+$/, '');
  for (const model of models) {
    options.log?.(`pulling ${model}`);
    const response = await fetch(`${base}/api/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify({ model, stream: false }),
    });
    const answer = (await response.json().catch(() => ({}))) as { status?: string; error?: string };
    if (!response.ok || answer.status !== 'success') {
      throw new Error(`pulling ${model} failed (${response.status}): ${answer.error ?? JSON.stringify(answer)}`);
    }
  }
}
