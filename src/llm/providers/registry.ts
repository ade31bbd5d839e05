import type { Config } from '../../config/config';
import { anthropicProvider } from './anthropic';
import { anthropicClient, ollamaClient, openAiCompatibleClient } from './clients';
import { openAiCompatibleProvider } from './openai-compatible';
import type { LlmProvider, ProviderId } from './types';

export type ProviderRegistry = Partial<Record<ProviderId, LlmProvider>>;

/** Providers configured in this deployment; an unconfigured one is simply absent. */
export function providersFromConfig(config: Config, timeoutMs: number): ProviderRegistry {
  const { ollama, moonshot, anthropic } = config.providers;
  // Retries and fallback belong to the router, so the SDKs never retry on their own.
  const options = { timeoutMs, maxRetries: 0 };
  const registry: ProviderRegistry = {};
  if (ollama) {
    registry.ollama = openAiCompatibleProvider('ollama', ollamaClient(ollama.baseUrl, options), {
      maxTokensField: 'max_tokens',
    });
  }
  if (moonshot) {
    registry.moonshot = openAiCompatibleProvider(
      'moonshot',
      openAiCompatibleClient(moonshot.baseUrl, moonshot.apiKey, options),
      { maxTokensField: 'max_completion_tokens' },
    );
  }
  if (anthropic) registry.anthropic = anthropicProvider(anthropicClient(anthropic.baseUrl, anthropic.apiKey, options));
  return registry;
}
